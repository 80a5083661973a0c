package config

import (
	"net"
	"strings"
	"testing"
)

func TestListenAddressDefaults(t *testing.T) {
	dev, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if dev.Addr != "localhost:8080" {
		t.Errorf("development listens on %q, want loopback localhost:8080", dev.Addr)
	}
	prod, err := load(production())
	if err != nil {
		t.Fatal(err)
	}
	if prod.Addr != ":8080" {
		t.Errorf("production listens on %q, want :8080", prod.Addr)
	}
	env := map[string]string{"PILCROW_ADDR": "0.0.0.0:9000"}
	if c, err := load(env); err != nil || c.Addr != "0.0.0.0:9000" {
		t.Errorf("PILCROW_ADDR not obeyed: %v, %v", c, err)
	}
}

func TestTrustedProxies(t *testing.T) {
	contains := func(ns []*net.IPNet, ip string) bool {
		for _, n := range ns {
			if n.Contains(net.ParseIP(ip)) {
				return true
			}
		}
		return false
	}
	def, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for ip, want := range map[string]bool{"127.0.0.1": true, "127.9.9.9": true, "::1": true, "10.0.0.5": false, "192.168.1.2": false} {
		if contains(def.TrustedProxies, ip) != want {
			t.Errorf("default trusted proxies: %s trusted = %t", ip, !want)
		}
	}
	c, err := load(map[string]string{"PILCROW_TRUSTED_PROXIES": " 10.1.2.3 , 172.16.0.0/12,fd00::/8"})
	if err != nil {
		t.Fatal(err)
	}
	for ip, want := range map[string]bool{"10.1.2.3": true, "10.1.2.4": false, "172.20.0.1": true, "fd00::1": true, "127.0.0.1": false} {
		if contains(c.TrustedProxies, ip) != want {
			t.Errorf("%s trusted = %t, want %t", ip, !want, want)
		}
	}
	for _, bad := range []string{"10.0.0.300", "10.0.0.0/33", "proxy.internal"} {
		_, err := load(map[string]string{"PILCROW_TRUSTED_PROXIES": bad})
		if err == nil || !strings.Contains(err.Error(), "PILCROW_TRUSTED_PROXIES") {
			t.Errorf("%q: error %v does not name PILCROW_TRUSTED_PROXIES", bad, err)
		}
	}
}

func TestAssertionAudience(t *testing.T) {
	c, err := load(nil)
	if err != nil || c.OIDCAssertionAudience != AudienceTokenEndpoint {
		t.Errorf("default audience %q, %v", c.OIDCAssertionAudience, err)
	}
	c, err = load(map[string]string{"PILCROW_OIDC_ASSERTION_AUDIENCE": "issuer"})
	if err != nil || c.OIDCAssertionAudience != AudienceIssuer {
		t.Errorf("issuer audience %v, %v", c, err)
	}
	_, err = load(map[string]string{"PILCROW_OIDC_ASSERTION_AUDIENCE": "client"})
	if err == nil || !strings.Contains(err.Error(), "PILCROW_OIDC_ASSERTION_AUDIENCE") {
		t.Errorf("bad audience: %v", err)
	}
}
