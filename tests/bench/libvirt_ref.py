#!/usr/bin/python3
# Reference timings for bench:libvirt: the C library (Debian's python3-libvirt) through libvirtd; prints JSON.
# Usage: /usr/bin/python3 libvirt_ref.py URI REPEATS WARMUP   (URI must route through the daemon, e.g. test+unix:///abs.xml)
import json
import statistics
import sys
import time

import libvirt


def timed(fn, repeats, warmup):
    for _ in range(warmup):  # not counted, as on the adapter side
        fn()
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main():
    uri, repeats, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    libvirt.registerErrorHandler(lambda *_: None, None)
    conn = libvirt.open(uri)
    doms = conn.listAllDomains(0)
    out = {
        "domains": len(doms),
        "lib_version": libvirt.getVersion(),
        "list": timed(lambda: conn.listAllDomains(0), repeats, warmup),
        "stats": timed(lambda: conn.getAllDomainStats(0, 0), repeats, warmup),
        "xml_seq": timed(lambda: [d.XMLDesc(0) for d in doms], repeats, warmup),
    }
    conn.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
