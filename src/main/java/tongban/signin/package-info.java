/**
 * Sign-in (统一身份认证): the portal signs in with OIDC (authorization code and PKCE). In the embedded default the
 * application is its own identity provider for the demo accounts ({@code EmbeddedProvider}, Spring Authorization
 * Server: discovery at {@code /.well-known/openid-configuration}, its form at {@code /id/login}); with
 * {@code tongban.security.mode=jwt} (the prod profile) it signs in with the city's provider, configured by
 * {@code tongban.signin.*}, and the embedded one does not exist. The chains that use it are
 * {@code tongban.platform.SecurityConfiguration}'s.
 */
package tongban.signin;
