// #region import
import passwordless from '{{connect.url}}'
// #endregion

// #region app
// The profile information this app asks for.
const scope = 'openid avatar email'

const app = {
  // Redirects to Passwordless.ID, where the user signs in and agrees to share the scope.
  signIn() {
    passwordless.auth({ scope })
  },

  // Redirects to Passwordless.ID to end the session there; it sends the user back to this page.
  signOut() {
    passwordless.logout()
  },
}

document.getElementById('sign-in').addEventListener('click', () => app.signIn())
document.getElementById('sign-out').addEventListener('click', () => app.signOut())
// #endregion

// #region init
async function init() {
  // Reads the id_token Passwordless.ID put in the URL after a sign-in, or asks whether a session exists.
  const user = await passwordless.id({ scope })
  // The token has been read: keep it out of the address bar, the history and bookmarks.
  if (location.hash.includes('id_token=')) {
    history.replaceState(null, '', location.pathname + location.search)
  }
  if (user.signedIn && user.scopeGranted) showUser(user)
  else showSignIn()
}
// #endregion

// #region show
// Profile values come from the identity provider and the user: they are set as text, never as HTML.
function showUser(user) {
  const profile = user.profile ?? {}
  document.getElementById('nickname').textContent = profile.nickname ?? profile.preferred_username ?? ''

  const picture = document.getElementById('picture')
  const pictureURL = httpsURL(profile.picture)
  picture.hidden = pictureURL === null
  if (pictureURL !== null) picture.src = pictureURL

  document.getElementById('user-json').textContent = JSON.stringify(user, null, 2)
  document.getElementById('sign-in').hidden = true
  document.getElementById('profile').hidden = false
  document.getElementById('user').hidden = false
}

function showSignIn() {
  document.getElementById('sign-in').hidden = false
  document.getElementById('profile').hidden = true
  document.getElementById('user').hidden = true
}

// Only an https: URL may become the picture; javascript:, data: and the like are dropped.
function httpsURL(value) {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
// #endregion

init()
