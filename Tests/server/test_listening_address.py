"""`convene serve --bind 127.0.0.1` listens on the loopback address only: behind a reverse
proxy (docs/OPERATIONS.md) the plain-HTTP server must not be reachable from the venue's
network. A walk-through found it listening on every interface of both families."""
import socket
import urllib.request


def listening_addresses(port):
    """The local addresses of the sockets listening on `port`, from the kernel's tables."""
    found = []
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # The kernel writes each 32-bit word in host (little-endian) order.
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
            found.append(socket.inet_ntop(family, raw))
    return found


def other_local_ipv4():
    """An IPv4 address of this machine that is not loopback, or None."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_bound_to_loopback_it_listens_on_loopback_only(server):
    # The test server is started with --bind 127.0.0.1 (conftest.py).
    assert urllib.request.urlopen(f"http://127.0.0.1:{server.port}/phone.html", timeout=5).status == 200
    assert listening_addresses(server.port) == ["127.0.0.1"]
    other = other_local_ipv4()
    if other:
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((other, server.port)) != 0, f"reachable at {other}:{server.port}"
