package dev.neurona.security;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys in {@code X-API-Key} or {@code Authorization: Bearer}, three roles (admin ⊃ trainer ⊃ predictor), no
 * sessions, no cookies (so no CSRF surface). Health and the API description are open; reading models and predicting
 * can be opened to anonymous callers by a setting; everything that writes needs a key. Refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(HeaderFirewall.strict());
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_TRAINER\nROLE_TRAINER > ROLE_PREDICTOR");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeyService keys, NeuronaProperties properties, JsonMapper json)
            throws Exception {
        NeuronaProperties.Security settings = properties.security();
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                // the Studio's pages load only what the service itself serves: no inline script, nothing remote
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern("/"),
                                PathPatternRequestMatcher.pathPattern("/index.html"),
                                PathPatternRequestMatcher.pathPattern("/studio/**")),
                        new StaticHeadersWriter("Content-Security-Policy", STUDIO_CSP))))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problem(
                                response,
                                json,
                                401,
                                "unauthorized",
                                "Unauthorized",
                                "This needs an API key: send it as X-API-Key or " + "Authorization: Bearer <key>."))
                        .accessDeniedHandler((request, response, ex) -> problem(
                                response,
                                json,
                                403,
                                "forbidden",
                                "Forbidden",
                                "This key's role may not " + request.getMethod() + " " + request.getRequestURI()
                                        + ".")));
        if (!settings.enabled()) {
            log.warn(
                    """

                    ****************************************************************************
                    *  neurona.security.enabled=false: NO AUTHENTICATION. Anyone who can reach  *
                    *  this port can upload, train, delete. For local experiments only.         *
                    ****************************************************************************""");
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        http.addFilterBefore(new ApiKeyFilter(keys, json), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    // an async dispatch (the end of an event stream) continues a request already authorized; the
                    // key filter does not run again for it, so without this it would be denied mid-stream
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC)
                            .permitAll()
                            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                            .permitAll()
                            .requestMatchers("/actuator/**")
                            .hasRole("ADMIN")
                            .requestMatchers(
                                    "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/error")
                            .permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/v1/me")
                            .hasRole("PREDICTOR")
                            .requestMatchers("/api/v1/keys", "/api/v1/keys/**")
                            .hasRole("ADMIN")
                            .requestMatchers(HttpMethod.DELETE, "/api/**")
                            .hasRole("ADMIN");
                    // the Open Inference Protocol: server metadata and health open, models like /api/v1's
                    a.requestMatchers(HttpMethod.GET, "/v2", "/v2/health/**").permitAll();
                    if (settings.anonymousRead()) {
                        a.requestMatchers(
                                        HttpMethod.POST,
                                        "/api/v1/models/*/predictions",
                                        "/api/v1/models/*/versions/*/predictions",
                                        "/v2/models/*/infer",
                                        "/v2/models/*/versions/*/infer")
                                .permitAll()
                                .requestMatchers(HttpMethod.GET, READ_PATHS)
                                .permitAll();
                    }
                    a.requestMatchers(
                                    HttpMethod.POST,
                                    "/api/v1/models/*/predictions",
                                    "/api/v1/models/*/versions/*/predictions",
                                    "/v2/models/*/infer",
                                    "/v2/models/*/versions/*/infer")
                            .hasRole("PREDICTOR")
                            .requestMatchers(HttpMethod.GET, READ_PATHS)
                            .hasRole("PREDICTOR")
                            .requestMatchers("/v2/**")
                            .hasRole("TRAINER")
                            .requestMatchers("/api/**")
                            .hasRole("TRAINER")
                            .anyRequest()
                            .permitAll();
                });
        return http.build();
    }

    /** Inline styles are allowed: the editor and the chart library set element styles. */
    static final String STUDIO_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    /** What a PREDICTOR (or, with anonymous-read, anyone) may GET: models and the registry's names. */
    private static final String[] READ_PATHS = {
        "/api/v1/models",
        "/api/v1/models/**",
        "/api/v1/registered-models",
        "/api/v1/registered-models/**",
        "/v2/models/**"
    };

    private static void problem(
            HttpServletResponse response, JsonMapper json, int status, String kind, String title, String detail)
            throws IOException {
        ProblemResponses.write(response, json, status, kind, title, detail);
    }

    /** Turns a valid key into an authenticated caller with its role; an invalid one is refused at once. */
    static final class ApiKeyFilter extends OncePerRequestFilter {

        private final ApiKeyService keys;
        private final JsonMapper json;

        ApiKeyFilter(ApiKeyService keys, JsonMapper json) {
            this.keys = keys;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = request.getHeader("X-API-Key");
            String authorization = request.getHeader("Authorization");
            if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
            if (key == null) {
                chain.doFilter(request, response);
                return;
            }
            Optional<ApiKey> found = keys.authenticate(key);
            if (found.isEmpty()) {
                problem(
                        response,
                        json,
                        401,
                        "unauthorized",
                        "Unauthorized",
                        "The API key is unknown, revoked or expired.");
                return;
            }
            ApiKey apiKey = found.get();
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            new Callers.KeyPrincipal(apiKey.id(), apiKey.name()),
                            null,
                            List.of(new SimpleGrantedAuthority(
                                    "ROLE_" + apiKey.role().name()))));
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
