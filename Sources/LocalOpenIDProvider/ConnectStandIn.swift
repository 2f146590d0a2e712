/// Our own stand-in for `@passwordless-id/connect` 1.2.1, served by the local provider at `/connect.js`. It has the
/// library's exports (`id`, `auth`, `request`, `logout`, `isExpired`, and the default object), makes the same
/// requests with the same parameters, and returns the same user objects for the same answers, so that swapping the
/// real file in (with its API base pointed here) changes nothing a user or a test can see. Written from the
/// library's documented behaviour and the requests it makes; no code of the library is in it.
enum ConnectStandIn {
    static let path = "/connect.js"

    static func source(issuer: String) -> String {
        template.replacingOccurrences(of: "__ISSUER__", with: issuer)
    }

    private static let template = #"""
        // Stand-in for @passwordless-id/connect 1.2.1, served by `build-site serve --local-idp`. Not the real library:
        // it makes the library's requests to the local OpenID provider below, never to Passwordless.ID.
        const api = '__ISSUER__'
        const defaultScope = 'openid avatar'
        const cacheKey = 'passwordless.id/user'

        // The user from the id_token a sign-in left in the URL fragment (which it then removes from the fragment,
        // keeping other parameters), else from the provider's session. No signature is checked here: a server
        // must verify the token.
        export function id(options) {
          if (options?.cache) {
            const cached = sessionStorage.getItem(cacheKey)
            if (cached) {
              const user = JSON.parse(cached)
              if (!isExpired(user.id_token)) return user
            }
          }
          const fragment = new URLSearchParams(location.hash.slice(1))
          const idToken = fragment.get('id_token')
          if (!idToken) return request(options)
          const user = { signedIn: true, scopeGranted: true, id_token: idToken, profile: profileOf(idToken) }
          if (options?.cache) sessionStorage.setItem(cacheKey, JSON.stringify(user))
          fragment.delete('id_token')
          const rest = fragment.toString()
          location.hash = rest ? '#' + rest : ''
          return user
        }

        export function isExpired(idToken) {
          return Date.now() > claimsOf(idToken).exp * 1000
        }

        // Sends the browser to the provider; it comes back to redirect_uri with #id_token=… (and state, if sent).
        export async function auth(options) {
          const query = new URLSearchParams({
            scope: options?.scope ?? defaultScope,
            response_type: options?.response_type ?? 'id_token',
            client_id: location.origin,
            redirect_uri: options?.redirect_uri ?? location.href,
          })
          for (const name of ['nonce', 'state', 'prompt']) {
            if (options?.[name]) query.set(name, options[name])
          }
          location.assign(`${api}/openid/authorize?${query}`)
        }

        // Ends the provider's session; it sends the browser back to redirect_uri. Like the library, it sends
        // state=undefined when no state is given.
        export async function logout(options) {
          const query = new URLSearchParams({ redirect_uri: options?.redirect_uri ?? location.href, state: options?.state })
          location.assign(`${api}/openid/logout?${query}`)
        }

        // Asks the provider's session for a token: 200 signed in, 401 not signed in, 403 scope not granted.
        export async function request(options) {
          const query = new URLSearchParams({ scope: options?.scope ?? defaultScope })
          if (options?.nonce) query.set('nonce', options.nonce)
          const response = await fetch(`${api}/openid/id_token?${query}`, { mode: 'cors', credentials: 'include' })
          if (response.ok) {
            const { id_token: idToken } = await response.json()
            return { signedIn: true, scopeGranted: true, id_token: idToken, profile: profileOf(idToken) }
          }
          if (response.status === 401) return { signedIn: false, scopeGranted: false }
          if (response.status === 403) return { signedIn: true, scopeGranted: false }
          throw Error(`Unexpected error: ${response.status} ${await response.text()}`)
        }

        function claimsOf(idToken) {
          const payload = idToken.split('.')[1].replaceAll('-', '+').replaceAll('_', '/')
          const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0))
          return JSON.parse(new TextDecoder().decode(bytes))
        }

        // The claims without iss, aud, iat and exp, as the library returns them.
        function profileOf(idToken) {
          const { iss, aud, iat, exp, ...profile } = claimsOf(idToken)
          return profile
        }

        export default { id, auth, request, logout }

        """#
}
