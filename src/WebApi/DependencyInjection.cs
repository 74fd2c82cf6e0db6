using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Common.Behaviors;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace FastApiLearning.WebApi;

public static class DependencyInjection
{
    /// <summary>
    /// The mediator over Application's handlers, with validation in front of each. The web app and the
    /// management commands (<c>Commands/</c>) both send their messages through it: one rule, two front doors.
    /// </summary>
    public static IServiceCollection AddMediatorPipeline(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.Assemblies = [typeof(LoginCommand)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
            options.ServiceLifetime = ServiceLifetime.Singleton;
        });

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediatorPipeline();

        services.AddProblemDetails();
        services.AddExceptionHandler<ValidationExceptionHandler>();
        services.AddExceptionHandler<ResourceUnavailableExceptionHandler>();
        services.AddHealthChecks();
        services.AddHostedService<StartupAddresses>();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "fal_antiforgery";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorComponents();
        services.AddSingleton<DeviceCookie>();

        services.AddOptions<OriginOptions>()
            .Bind(configuration.GetSection(OriginOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CrossSiteRequests>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, ClientCorsPolicyProvider>();
        services.AddSingleton<Issuer>();
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ProxyOptions.Setup>();

        // How a token is checked is set in Infrastructure; what happens around a request, here.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options => options.EventsType = typeof(BearerEvents));
        services.AddSingleton<BearerEvents>();
        services.AddSingleton<WellKnownDocuments>();
        services.AddSingleton<BrowserSession>();
        services.AddScopeAuthorization();

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "FastApiLearning",
                Version = "v1",
                Description = "OAuth2 login for the employees sample. "
                    + "Use Authorize with an employee's email and password (tick the scopes to ask for, or none for all they hold), "
                    + "or with the authorization-code flow (PKCE), which logs in on the service's own login page, "
                    + "then try GET /users/me and the /employees operations; each says the scope it needs.",
            });
            options.AddSecurityDefinition(AuthorizeOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Flows = new OpenApiOAuthFlows
                {
                    Password = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/token", UriKind.Relative),
                        // The Authorize dialog's checkboxes; none ticked asks for everything the employee holds.
                        Scopes = Scopes.All.ToDictionary(scope => scope.Name, scope => scope.Description),
                    },
                },
            });
            // The same login through /authorize, as a scheme of its own so that Swagger UI authorizes each apart:
            // Swagger UI is the public client swagger-ui, with PKCE (Program.cs).
            options.AddSecurityDefinition(AuthorizeOperationFilter.CodeSchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri("/authorize", UriKind.Relative),
                        TokenUrl = new Uri("/token", UriKind.Relative),
                        Scopes = Scopes.All.ToDictionary(scope => scope.Name, scope => scope.Description),
                    },
                },
            });
            options.OperationFilter<AuthorizeOperationFilter>();
            options.OperationFilter<TokenFormOperationFilter>();
        });

        return services;
    }
}
