package model

// ProviderErased is the provider of the stand-in accounts that take the place
// of real ones in responses past retention: no sign-in can present it, and the
// users list leaves them out.
const ProviderErased = "erased"
