/// Our own stand-in for the `@passwordless-id/connect` module, served by the local provider at `/connect.js`. It
/// offers the calls the demo makes (`id`, `auth`, `logout`, `request`, plus `config`) and returns the same user
/// object shape (`signedIn`, `scopeGranted`, `id_token`, `profile`), talking to the local provider.
enum ConnectStandIn {
    static let path = "/connect.js"

    static func source(issuer: String) -> String {
        template.replacingOccurrences(of: "__ISSUER__", with: issuer)
    }

    private static let template = #"""
        // Stand-in for @passwordless-id/connect, served by `build-site serve --local-idp`. Not the real library:
        // it signs in with the local OpenID provider at the issuer below, never with Passwordless.ID.
        const issuer = '__ISSUER__'
        const stateKey = 'local-connect:state'
        const nonceKey = 'local-connect:nonce'

        let settings = {}

        // Same defaults as the real library: the page's origin is the client_id, the page itself the redirect_uri.
        function current() {
          return {
            clientId: location.origin,
            redirectUri: location.origin + location.pathname,
            ...settings,
          }
        }

        export function config(options) {
          settings = { ...settings, ...options }
        }

        function randomToken() {
          const bytes = crypto.getRandomValues(new Uint8Array(16))
          return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
        }

        // Redirects to the provider, which signs the user in and comes back with #id_token=… in the URL.
        export function auth({ scope = 'openid', nonce } = {}) {
          const { clientId, redirectUri } = current()
          const state = randomToken()
          const expectedNonce = nonce ?? randomToken()
          sessionStorage.setItem(stateKey, state)
          sessionStorage.setItem(nonceKey, expectedNonce)
          const params = new URLSearchParams({
            response_type: 'id_token',
            client_id: clientId,
            redirect_uri: redirectUri,
            scope,
            state,
            nonce: expectedNonce,
          })
          location.assign(`${issuer}/openid/authorize?${params}`)
        }

        // Asks for more scope the same way as signing in.
        export function request(options = {}) {
          auth(options)
        }

        // Redirects to the provider to end its session; it sends the user back to this page.
        export function logout({ redirectUri } = {}) {
          const params = new URLSearchParams({ target_url: redirectUri ?? current().redirectUri })
          location.assign(`${issuer}/openid/logout?${params}`)
        }

        // The user from the token in the URL fragment after a sign-in, or else from the provider's session.
        export async function id({ scope = 'openid' } = {}) {
          const fromRedirect = readRedirect()
          if (fromRedirect) return fromRedirect
          const params = new URLSearchParams({ client_id: current().clientId, scope })
          const response = await fetch(`${issuer}/openid/id_token?${params}`, { credentials: 'include' })
          if (!response.ok) throw new Error(`the provider answered ${response.status}`)
          const answer = await response.json()
          return user(answer.signedIn === true, answer.scopeGranted === true, answer.id_token)
        }

        function readRedirect() {
          const fragment = new URLSearchParams(location.hash.slice(1))
          if (fragment.has('error')) throw new Error(`sign-in failed: ${fragment.get('error_description') ?? fragment.get('error')}`)
          const token = fragment.get('id_token')
          if (!token) return null
          const state = sessionStorage.getItem(stateKey)
          const nonce = sessionStorage.getItem(nonceKey)
          sessionStorage.removeItem(stateKey)
          sessionStorage.removeItem(nonceKey)
          // A token this page did not ask for (another tab's, or planted in a link) is not a sign-in.
          if (state === null || fragment.get('state') !== state) return null
          if (decodePayload(token).nonce !== nonce) return null
          return user(true, true, token)
        }

        const tokenClaims = ['iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'auth_time', 'azp', 'jti']

        function user(signedIn, scopeGranted, idToken) {
          if (!signedIn || typeof idToken !== 'string') return { signedIn, scopeGranted }
          const claims = decodePayload(idToken)
          const profile = Object.fromEntries(Object.entries(claims).filter(([name]) => !tokenClaims.includes(name)))
          return { signedIn, scopeGranted, id_token: idToken, profile }
        }

        function decodePayload(token) {
          const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
          const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0))
          return JSON.parse(new TextDecoder().decode(bytes))
        }

        export default { config, auth, request, logout, id }

        """#
}
