"""A webhook goes to a public http(s) address only, checked address by address."""

import pytest

from webhooks.targets import TargetRefused, target_of

REFUSED = {
    "http://127.0.0.1/hook": "loopback",
    "http://127.1/hook": "loopback",
    "http://2130706433/": "loopback",
    "http://0x7f000001/": "loopback",
    "http://[::1]:8080/hook": "loopback",
    "http://localhost/hook": "loopback",
    "http://[::ffff:127.0.0.1]/hook": "loopback",
    "http://[2002:7f00:1::]/": "loopback",
    "http://10.0.0.5/hook": "private",
    "http://172.16.1.1/": "private",
    "http://192.168.1.1/": "private",
    "http://[fd00::1]/": "private",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://[fe80::1]/": "link-local",
    "http://0.0.0.0/": "unspecified",
    "http://[::]/": "unspecified",
    "http://224.0.0.1/": "multicast",
    "http://100.64.0.1/": "reserved",
    "http://240.0.0.1/": "reserved",
    "ftp://example.org/file": "Only http:// and https://",
    "file:///etc/passwd": "Only http:// and https://",
    "gopher://example.org/": "Only http:// and https://",
    "http://user:pass@example.org/": "user name or password",
    "http://example.org@127.0.0.1/": "user name or password",
    "http://127.0.0.1\\@example.org/": "",
    "http://:80/": "no host",
    "http://example.org:99999/": "Not a valid URL",
    "http://nothing-here.invalid/": "does not resolve",
}


@pytest.mark.parametrize("url", REFUSED)
def test_a_url_that_is_no_place_for_a_webhook_is_refused_with_the_reason(url):
    with pytest.raises(TargetRefused) as refused:
        target_of(url)
    assert REFUSED[url] in str(refused.value)
    assert refused.value.errors == {"url": [str(refused.value)]}


def test_a_name_is_refused_when_it_resolves_to_loopback_and_says_where():
    with pytest.raises(TargetRefused, match=r"localhost resolves to .*loopback"):
        target_of("http://localhost:8000/hook")


def test_a_public_address_is_a_target_to_connect_to_with_its_name_kept():
    target = target_of("https://93.184.215.14/hooks/envoy?team=sahel")
    assert (target.scheme, target.address, target.port) == ("https", "93.184.215.14", 443)
    assert target.path == "/hooks/envoy?team=sahel"
    assert target.host_header == "93.184.215.14"


def test_an_ipv6_public_address_is_a_target():
    target = target_of("http://[2001:4860:4860::8888]:8080/")
    assert target.address == "2001:4860:4860::8888"
    assert target.host_header == "[2001:4860:4860::8888]:8080"


def test_a_setting_lets_private_targets_through_but_never_another_scheme_or_userinfo():
    target = target_of("http://localhost:8123/hook", allow_private=True)
    assert target.address in ("127.0.0.1", "::1")
    assert target.host_header == "localhost:8123"
    for url in ("ftp://127.0.0.1/", "http://a:b@127.0.0.1/"):
        with pytest.raises(TargetRefused):
            target_of(url, allow_private=True)
