#!/usr/bin/env python3
"""MESH throughput: NHS Digital's mesh-sandbox and a Handover gateway, driven by the same mesh-client.

For each server and each client count N (default 1, 2, 4): N client processes send their share of
the messages at the same time (X26ABC1 -> X26ABC2, TEST_WORKFLOW), then each lists the inbox and
downloads and acknowledges its own messages, verifying every byte. With one client the run is
mesh_baseline.py's own run_scenario, unchanged. Each server's CPU time (user + system, from
/proc/<pid>/stat) is read before and after each phase and divided by the messages handled.
First, each server answers 1,000 `_ping` requests, which touch neither token nor store: its CPU
per request is the floor HTTP alone sets under the figures per message. With both servers
measured, the run ends with Handover's CPU per message as a fraction of the sandbox's, and
whether its throughput is higher in every phase.

Both servers run on 127.0.0.1 only and are stopped (terminate, then kill) by their process ids.
Usage: scripts/mesh-bench.sh (installs mesh-sandbox into .venv, builds Handover in release mode).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mesh_client import MeshClient

MAILBOX_A, MAILBOX_B, PASSWORD, SHARED_KEY, WORKFLOW = "X26ABC1", "X26ABC2", "password", "TestKey", "TEST_WORKFLOW"
TICKS = os.sysconf("SC_CLK_TCK")


def load_baseline(path: str):
    spec = importlib.util.spec_from_file_location("mesh_baseline", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def start_handover(binary: str, folder: str) -> tuple[subprocess.Popen, str]:
    config = {
        "listen": {"host": "127.0.0.1", "port": 0},
        "dataDirectory": "data",
        "mesh": {
            "sharedKey": SHARED_KEY,
            "maxConcurrentRequests": 256,
            "passThrough": [{
                "workflowId": WORKFLOW, "purpose": "direct-care", "description": "mesh_baseline.py test traffic",
                "lawfulBasis": {"statute": "health-and-social-care-act-2012-s251b", "article6": "6(1)(e)", "article9": "9(2)(h)"},
            }],
        },
        "partners": [
            {"mailbox": mailbox, "name": f"MESH {mesh}", "format": "handover-json", "mesh": {"mailbox": mesh, "password": PASSWORD},
             "organisation": {"kind": "local-authority", "identifier": {"scheme": "gss", "value": gss}, "name": f"Council {mesh}"}}
            for mailbox, mesh, gss in [("bench-a", MAILBOX_A, "E06000001"), ("bench-b", MAILBOX_B, "E06000002")]
        ],
    }
    path = Path(folder) / "handover.json"
    path.write_text(json.dumps(config))
    log = open(Path(folder) / "handover.log", "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen([binary, "serve", "--config", str(path)], stdout=subprocess.PIPE, stderr=log)
    deadline = time.monotonic() + 60
    line = b""
    while time.monotonic() < deadline and proc.stdout is not None:
        line = proc.stdout.readline()
        if b"listening on" in line:
            url = line.decode().split("listening on ")[1].split(" ")[0]
            return proc, url
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit(f"handover did not start: {line!r}; see {folder}/handover.log")


def start_sandbox(baseline, folder: str) -> tuple[subprocess.Popen, str]:
    """mesh-sandbox as mesh_baseline.py starts it, with a longer wait for a busy machine."""
    env = dict(os.environ, AUTH_MODE="full", STORE_MODE="memory", SHARED_KEY=SHARED_KEY, ENV="local",
               MAILBOXES_DATA_DIR=os.path.join(folder, "store"))
    port = baseline._free_port()
    log = open(os.path.join(folder, "sandbox.log"), "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "mesh_sandbox.api:app", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "1", "--log-level", "warning"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if baseline._http_json(f"{url}/health", timeout=2).get("status") == "running":
                return proc, url
        except OSError:
            pass
        time.sleep(0.5)
    stop(proc)
    raise SystemExit(f"mesh-sandbox did not start; see {folder}/sandbox.log")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def client_process(url, index, count, size, barrier, results):
    """One client: send `count` messages, wait for the others, then download and ack its own."""
    filler = os.urandom(size)
    expected = {}
    with MeshClient(url, MAILBOX_A, PASSWORD, shared_key=SHARED_KEY.encode()) as sender, \
         MeshClient(url, MAILBOX_B, PASSWORD, shared_key=SHARED_KEY.encode()) as receiver:
        sender.handshake()
        receiver.handshake()
        barrier.wait()
        for i in range(count):
            payload = (b"%02d%06d" % (index, i)) + filler[8:]
            expected[sender.send_message(MAILBOX_B, payload, workflow_id=WORKFLOW, local_id=f"c{index}-{i}-{time.time_ns()}")] = payload
        barrier.wait()
        listed = set()
        for message_id in receiver.iterate_message_ids():
            listed.add(message_id)
            if len(listed) > 100_000:
                break
        ok = 0
        for message_id, payload in expected.items():
            message = receiver.retrieve_message(message_id)
            ok += message.read() == payload and message_id in listed
            message.close()
            receiver.acknowledge_message(message_id)
        barrier.wait()
    results.put(ok)


def run_clients(url: str, pid: int, clients: int, messages: int, size: int) -> dict:
    per_client = messages // clients
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(clients + 1)
    results = context.Queue()
    workers = [context.Process(target=client_process, args=(url, i, per_client, size, barrier, results)) for i in range(clients)]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=120)
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    barrier.wait(timeout=600)
    cpu1, t1 = cpu_seconds(pid), time.perf_counter()
    barrier.wait(timeout=600)
    cpu2, t2 = cpu_seconds(pid), time.perf_counter()
    verified = sum(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    total = per_client * clients
    return {
        "clients": clients, "messages": total, "verified": verified,
        "send_msgs_per_s": round(total / (t1 - t0), 1), "recv_ack_msgs_per_s": round(total / (t2 - t1), 1),
        "server_cpu_us_per_send": round((cpu1 - cpu0) / total * 1e6, 1),
        "server_cpu_us_per_recv_ack": round((cpu2 - cpu1) / total * 1e6, 1),
    }


def run_floor(url: str, pid: int, requests_count: int = 1000) -> dict:
    """The server's CPU for a request that does nothing (`GET /messageexchange/_ping`, no token,
    no store), sent one after another on one kept-alive connection: what HTTP alone costs each
    server, which bounds how far apart their costs per message can be."""
    import requests  # mesh-client's own HTTP library

    with requests.Session() as session:
        for _ in range(50):
            session.get(f"{url}/messageexchange/_ping").raise_for_status()
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        for _ in range(requests_count):
            session.get(f"{url}/messageexchange/_ping").raise_for_status()
        cpu1, t1 = cpu_seconds(pid), time.perf_counter()
    return {"requests": requests_count, "per_s": round(requests_count / (t1 - t0), 1),
            "server_cpu_us_per_request": round((cpu1 - cpu0) / requests_count * 1e6, 1)}


def run_baseline(baseline, url: str, pid: int, messages: int, size: int) -> dict:
    """mesh_baseline.py's own scenario (one client), with the server's CPU time around it."""
    cpu0 = cpu_seconds(pid)
    result = baseline.run_scenario(url, f"{size}B", messages, size, None, time.perf_counter() + 600, None, "random")
    cpu1 = cpu_seconds(pid)
    return {
        "clients": 1, "messages": messages, "verified": result["verified_payloads"], "send_msgs_per_s": result["send_msgs_per_s"],
        "recv_ack_msgs_per_s": result["recv_ack_msgs_per_s"], "left_in_inbox": result["left_in_inbox"],
        "server_cpu_us_per_message_send_and_recv_ack": round((cpu1 - cpu0) / messages * 1e6, 1),
    }


def compare(sandbox: list[dict], handover: list[dict]) -> list[dict]:
    """Row by row (both servers ran the same rows in the same order): how many times the
    sandbox's CPU per message Handover's is (1/n), and whether Handover's throughput is higher
    in every phase."""
    cpu_keys = {"request": "server_cpu_us_per_request", "message": "server_cpu_us_per_message_send_and_recv_ack",
                "send": "server_cpu_us_per_send", "recv+ack": "server_cpu_us_per_recv_ack"}
    rows = []
    for s_row, h_row in zip(sandbox, handover):
        if "floor" in s_row:
            run, s_row, h_row, phases = "_ping", s_row["floor"], h_row["floor"], ("per_s",)
        else:
            run = "mesh_baseline.py" if "baseline" in s_row else f"{s_row['clients']} client(s)"
            s_row, h_row = s_row.get("baseline", s_row), h_row.get("baseline", h_row)
            phases = ("send_msgs_per_s", "recv_ack_msgs_per_s")
        rows.append({
            "run": run,
            "cpu_ratio": {name: round(s_row[key] / h_row[key], 1) for name, key in cpu_keys.items() if key in s_row},
            "faster": all(h_row[phase] > s_row[phase] for phase in phases),
            "throughput": ", ".join(f"{phase}: {s_row[phase]} vs {h_row[phase]}" for phase in phases),
        })
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=os.environ.get("MESH_BASELINE", "../shared/tools/mesh_baseline.py"))
    parser.add_argument("--handover", default=".build/release/handover")
    parser.add_argument("--clients", default="1,2,4")
    parser.add_argument("--messages", type=int, default=500, help="messages per run, split between the clients")
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--servers", default="mesh-sandbox,handover", help="which servers to measure, in order")
    parser.add_argument("--json-out")
    args = parser.parse_args()
    baseline = load_baseline(args.baseline)
    counts = [int(c) for c in args.clients.split(",")]
    report = {"loadavg_start": open("/proc/loadavg").read().split()[:3], "servers": {}}
    tmp = tempfile.mkdtemp(prefix="mesh_bench_")
    try:
        for server in args.servers.split(","):
            if server == "mesh-sandbox":
                proc, url = start_sandbox(baseline, tmp)
            else:
                proc, url = start_handover(args.handover, tmp)
            rows = []
            try:
                floor = run_floor(url, proc.pid)
                print(f"{server:>12} _ping floor: {floor['per_s']}/s, server CPU {floor['server_cpu_us_per_request']} us/request", flush=True)
                rows.append({"floor": floor})
                row = run_baseline(baseline, url, proc.pid, args.messages, args.size)
                print(f"{server:>12} mesh_baseline.py 1 client: send {row['send_msgs_per_s']}/s, recv+ack {row['recv_ack_msgs_per_s']}/s, "
                      f"server CPU {row['server_cpu_us_per_message_send_and_recv_ack']} us/message, verified {row['verified']}", flush=True)
                rows.append({"baseline": row})
                for clients in counts:
                    if server == "mesh-sandbox":
                        baseline.reset_mailboxes(url)
                    row = run_clients(url, proc.pid, clients, args.messages, args.size)
                    print(f"{server:>12} {clients} client(s): send {row['send_msgs_per_s']}/s, recv+ack {row['recv_ack_msgs_per_s']}/s, "
                          f"server CPU {row['server_cpu_us_per_send']} us/send, {row['server_cpu_us_per_recv_ack']} us/recv+ack, "
                          f"verified {row['verified']}/{row['messages']}", flush=True)
                    rows.append(row)
            finally:
                stop(proc)
            report["servers"][server] = rows
        report["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
        if {"mesh-sandbox", "handover"} <= report["servers"].keys():
            report["ratios"] = compare(report["servers"]["mesh-sandbox"], report["servers"]["handover"])
            for row in report["ratios"]:
                print(f"   Handover vs sandbox, {row['run']}: CPU per {', per '.join(f'{name} 1/{r}' for name, r in row['cpu_ratio'].items())}, "
                      f"{'faster' if row['faster'] else 'NOT faster'} ({row['throughput']})")
        print("loadavg start", " ".join(report["loadavg_start"]), "end", " ".join(report["loadavg_end"]))
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(report, indent=2))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
