using FastApiLearning.Application;
using FastApiLearning.Infrastructure;
using FastApiLearning.WebApi;
using FastApiLearning.WebApi.Endpoints;
using FastApiLearning.WebApi.Http;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi();

var app = builder.Build();

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();

app.UseSwagger();
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "docs";
    options.SwaggerEndpoint("/swagger/v1/swagger.json", "FastApiLearning v1");
    options.DocumentTitle = "FastApiLearning API";
});

app.UseAuthentication();
app.UseAuthorization();

// Liveness: the process answers. No authentication, no store: the cheapest request there is.
app.MapHealthChecks("/healthz");

app.MapAuthEndpoints();
app.MapUserEndpoints();
app.MapPageEndpoints();

app.Run();

/// <summary>The entry point, public for <c>WebApplicationFactory</c>.</summary>
public partial class Program;
