// #region import
import passwordless from '{{connect.url}}'
// #endregion

// #region app
// The profile information this app asks for.
const scope = 'openid avatar email'

const app = {
  // Redirects to Passwordless.ID, where the user signs in and agrees to share the scope. The state and nonce are
  // fresh random values this page keeps, so it can tell its own sign-in from a token planted in a link.
  signIn() {
    const expected = { state: randomValue(), nonce: randomValue() }
    sessionStorage.setItem('sign-in', JSON.stringify(expected))
    passwordless.auth({ scope, ...expected })
  },

  // Redirects to Passwordless.ID to end the session there; it sends the user back to this page.
  signOut() {
    passwordless.logout()
  },
}

document.getElementById('sign-in').addEventListener('click', () => app.signIn())
document.getElementById('sign-out').addEventListener('click', () => app.signOut())
document.getElementById('call-api').addEventListener('click', () => callAPI())

function randomValue() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}
// #endregion

// #region init
async function init() {
  showSignIn()
  try {
    const user = await currentUser()
    if (user.signedIn && user.scopeGranted) showUser(user)
  } catch (error) {
    // Passwordless.ID unreachable, an unexpected answer, a failed sign-in: say so; Sign In stays usable.
    showProblem(error.message)
  } finally {
    // The token has been read: keep it out of the address bar, the history and bookmarks.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search)
  }
}

// Reads the id_token Passwordless.ID put in the URL after a sign-in, or asks whether a session exists. A token
// counts only when it comes back with the state and nonce this page sent.
async function currentUser() {
  const returned = new URLSearchParams(location.hash.slice(1))
  if (returned.has('error')) throw new Error(`Sign-in failed: ${returned.get('error_description') ?? returned.get('error')}`)
  const expected = JSON.parse(sessionStorage.getItem('sign-in') ?? 'null')
  sessionStorage.removeItem('sign-in')
  const arriving = returned.has('id_token')
  if (arriving && returned.get('state') !== expected?.state) {
    history.replaceState(null, '', location.pathname + location.search)
    showProblem('A sign-in this page did not start was ignored.')
    return askPasswordless()
  }
  const user = await askPasswordless()
  if (arriving && user.profile?.nonce !== expected.nonce) {
    throw new Error('The token does not carry the nonce this page sent; it was ignored.')
  }
  return user
}

async function askPasswordless() {
  try {
    return await passwordless.id({ scope })
  } catch (error) {
    throw new Error(`Could not reach Passwordless.ID to check for a session (${error.message}). Try again later.`)
  }
}
// #endregion

// #region api
// The API this page sends its token to, when the site names one (empty otherwise: then there is no button).
const apiURL = '{{connect.api}}'
let signedInUser = null

// Sends the id_token as proof of who the user is; the server verifies it and answers, or says why not.
async function callAPI() {
  const answer = document.getElementById('api-answer')
  answer.hidden = false
  try {
    const response = await fetch(apiURL, { headers: { Authorization: `Bearer ${signedInUser.id_token}` } })
    const text = await response.text()
    answer.textContent = response.ok
      ? JSON.stringify(JSON.parse(text), null, 2)
      : `${response.status}: ${response.headers.get('WWW-Authenticate') ?? text}`
  } catch (error) {
    answer.textContent = `The API could not be reached (${error.message}).`
  }
}
// #endregion

// #region show
// Profile values come from the identity provider and the user: they are set as text, never as HTML.
function showUser(user) {
  const profile = user.profile ?? {}
  document.getElementById('nickname').textContent = profile.nickname ?? profile.preferred_username ?? ''

  // The picture element exists only while there is a picture to show.
  const pictureURL = httpsURL(profile.picture)
  const avatar = document.getElementById('avatar')
  if (pictureURL === null) {
    avatar.replaceChildren()
  } else {
    const picture = document.createElement('img')
    Object.assign(picture, { id: 'picture', alt: '', width: 96, height: 96, src: pictureURL })
    // A picture that does not load leaves no broken frame behind.
    picture.addEventListener('error', () => picture.remove())
    avatar.replaceChildren(picture)
  }

  document.getElementById('user-json').textContent = JSON.stringify(user, null, 2)
  signedInUser = user
  document.getElementById('call-api').hidden = apiURL === ''
  document.getElementById('sign-in').hidden = true
  document.getElementById('profile').hidden = false
  document.getElementById('user').hidden = false
}

function showSignIn() {
  document.getElementById('sign-in').hidden = false
  document.getElementById('profile').hidden = true
  document.getElementById('user').hidden = true
}

function showProblem(message) {
  const status = document.getElementById('status')
  status.textContent = message
  status.hidden = false
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
