using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>The web app in memory, another instance over the database of a <see cref="CommandRunner"/>.</summary>
public sealed class WebAppFactory(CommandRunner commands) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in commands.Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
