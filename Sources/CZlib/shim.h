// The system zlib (Debian: zlib1g-dev), for gzip on the MESH API.
#include <zlib.h>
