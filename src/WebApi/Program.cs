using FastApiLearning.Application;
using FastApiLearning.Infrastructure;
using FastApiLearning.WebApi;
using FastApiLearning.WebApi.Commands;
using FastApiLearning.WebApi.Endpoints;
using FastApiLearning.WebApi.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

// `employees …` and `migrate` are management commands (Commands/); any other command line is the web app's.
if (ManagementCommands.Handles(args))
{
    return await ManagementCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

var app = builder.Build();

// Only with trusted proxies configured: with none listed, the framework would believe anyone's headers.
if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.AnyConfigured)
{
    app.UseForwardedHeaders();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
// Registered OAuth2 clients' pages may call /token and /revoke from their origin (Http/ClientCorsPolicyProvider).
app.UseCors();

app.UseSwagger();
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "docs";
    options.SwaggerEndpoint("/swagger/v1/swagger.json", "FastApiLearning v1");
    options.DocumentTitle = "FastApiLearning API";
    // The authorization-code flow: Swagger UI is the built-in public client, with PKCE (S256).
    options.OAuthClientId("swagger-ui");
    options.OAuthUsePkce();
});

app.UseAuthentication();
app.UseAuthorization();

// Liveness: the process answers (no check, no store: the cheapest request there is).
// Readiness: the stores it needs answer too (Redis, when configured).
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

app.MapAuthEndpoints();
app.MapAuthorizeEndpoints();
app.MapUserEndpoints();
app.MapEmployeeEndpoints();
app.MapPageEndpoints();
app.MapWellKnownEndpoints();

app.Run();
return 0;

/// <summary>The entry point, public for <c>WebApplicationFactory</c>.</summary>
public partial class Program;
