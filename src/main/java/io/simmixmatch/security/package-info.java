/**
 * Who may call the API: API keys (stored hashed, managed by admins) or OAuth2 bearer
 * tokens, roles that separate reading and predicting from training and administration,
 * and per-caller rate limits.
 */
package io.simmixmatch.security;
