using FastApiLearning.Application.Auth.IsTokenRevoked;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Common.Behaviors;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.OpenApi;
using FastApiLearning.WebApi.Sessions;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace FastApiLearning.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.Assemblies = [typeof(LoginCommand)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
            options.ServiceLifetime = ServiceLifetime.Singleton;
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<ValidationExceptionHandler>();
        services.AddExceptionHandler<ServiceUnavailableExceptionHandler>();
        services.AddHealthChecks();
        services.AddHostedService<StartupAddresses>();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "fal_antiforgery";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<DeviceCookie>();

        services.AddOptions<OriginOptions>()
            .Bind(configuration.GetSection(OriginOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CrossSiteRequests>();
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ProxyOptions.Setup>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, JwtSigningKeys, CachingTokenHandler>(ConfigureJwtBearer);
        services.AddSingleton<CachingTokenHandler>();
        services.AddAuthorization();

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "FastApiLearning",
                Version = "v1",
                Description = "OAuth2 password-flow login for the employees sample. "
                    + "Use Authorize with an employee's email and password, then try GET /users/me.",
            });
            options.AddSecurityDefinition(AuthorizeOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Flows = new OpenApiOAuthFlows
                {
                    Password = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>(),
                    },
                },
            });
            options.OperationFilter<AuthorizeOperationFilter>();
            options.OperationFilter<TokenFormOperationFilter>();
        });

        return services;
    }

    private static ILogger SecurityLogger(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);

    private static void ConfigureJwtBearer(
        JwtBearerOptions options, IOptions<JwtOptions> jwt, JwtSigningKeys keys, CachingTokenHandler tokenHandler)
    {
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(tokenHandler);
        // Keep the token's own claim names (sub, email, name) instead of WS-* URIs.
        options.MapInboundClaims = false;
        // The challenge says only invalid_token; the reason stays in the server's log.
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Value.Issuer,
            ValidAudience = jwt.Value.Audience,
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = jwt.Value.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            NameClaimType = TokenClaimNames.Name,
        };
        options.Events = new JwtBearerEvents
        {
            // The browser session's cookie is a credential wherever a bearer token is; a request
            // with an Authorization header is judged by that header alone.
            OnMessageReceived = context =>
            {
                if (!context.Request.Headers.ContainsKey(HeaderNames.Authorization))
                {
                    context.Token = SessionCookie.Read(context.Request);
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var sender = context.HttpContext.RequestServices.GetRequiredService<ISender>();
                var principal = context.Principal ?? new System.Security.Claims.ClaimsPrincipal();
                var query = new IsTokenRevokedQuery(
                    TokenClaims.TokenId(principal), TokenClaims.Subject(principal), TokenClaims.IssuedAt(context.SecurityToken));
                if (await sender.Send(query, context.HttpContext.RequestAborted))
                {
                    var email = context.Principal is { } revoked ? TokenClaims.Email(revoked) : null;
                    SecurityLog.TokenRejected(SecurityLogger(context.HttpContext), TokenRejection.Revoked, email, ClientAddress.Of(context.HttpContext));
                    context.Fail("The token has been revoked.");
                }
            },
            OnAuthenticationFailed = context =>
            {
                // A store that did not answer is not the token's fault: that becomes a 503.
                if (context.Exception is ServiceUnavailableException)
                {
                    return Task.CompletedTask;
                }

                SecurityLog.TokenRejected(
                    SecurityLogger(context.HttpContext), TokenRejection.ReasonFor(context.Exception), null, ClientAddress.Of(context.HttpContext));
                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HandleResponse();
                var request = context.Request;
                if (BrowserRequest.UsesSessionCookie(request) && BrowserRequest.PrefersHtml(request))
                {
                    // A person whose session ended is sent to log in again, not shown JSON.
                    return SessionCookie.End(context.Response, "expired").ExecuteAsync(context.HttpContext);
                }

                return BearerChallenge.WriteAsync(context.Response, invalidToken: context.AuthenticateFailure is not null);
            },
        };
    }
}
