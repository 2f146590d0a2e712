import OpenSSLHTTPClient
import Testing

@Suite struct ProxySettingsTests {
    @Test func readsTheProxyLikeCurl() throws {
        let proxy = try #require(ProxySettings(environment: ["HTTPS_PROXY": "http://user:pa55@proxy.corp:3128"]))
        #expect(proxy.host == "proxy.corp" && proxy.port == 3128 && proxy.credentials == "user:pa55")
        #expect(ProxySettings(environment: ["https_proxy": "proxy.corp"])?.port == 1080)
        #expect(ProxySettings(environment: ["https_proxy": "proxy.corp:8080"])?.host == "proxy.corp")
        #expect(ProxySettings(environment: [:]) == nil)
        #expect(ProxySettings(environment: ["https_proxy": ""]) == nil)
        #expect(ProxySettings(environment: ["https_proxy": "socks5://proxy.corp:1080"]) == nil, "only HTTP proxies")
    }

    @Test func noProxyNamesHostsAndDomains() throws {
        let proxy = try #require(
            ProxySettings(environment: ["https_proxy": "http://proxy:3128", "no_proxy": "internal.test, .corp.example,LOCALHOST"])
        )
        #expect(!proxy.applies(to: "internal.test"))
        #expect(!proxy.applies(to: "keys.internal.test"))
        #expect(!proxy.applies(to: "sso.corp.example"))
        #expect(!proxy.applies(to: "localhost"))
        #expect(proxy.applies(to: "api.passwordless.id"))
        #expect(proxy.applies(to: "notinternal.test"))
        let none = try #require(ProxySettings(environment: ["https_proxy": "http://proxy:3128", "NO_PROXY": "*"]))
        #expect(!none.applies(to: "api.passwordless.id"))
    }
}
