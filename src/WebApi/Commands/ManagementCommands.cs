using FastApiLearning.Application;
using FastApiLearning.Infrastructure;
using FastApiLearning.WebApi.Commands.Employees;
using Microsoft.Extensions.Logging.Console;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// <c>dotnet run --project src/WebApi -- employees …</c> and <c>… -- migrate</c>: the management commands,
/// in the same process image, configuration and services as the web app, without starting it.
/// Program hands over only when the first argument is one of <see cref="Verbs"/>, so that everything else
/// (no arguments, Kestrel's, <c>dotnet ef</c>'s, WebApplicationFactory's) boots the web app as before.
/// </summary>
public static class ManagementCommands
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "employees", "migrate" };

    public static bool Handles(IReadOnlyList<string> args) => args.Count > 0 && Verbs.Contains(args[0]);

    /// <summary>The process's entry: its own console, Ctrl+C cancels.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            return await RunAsync(args, CommandConsole.FromProcess(), cancellationToken: cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    /// <summary>Runs one command line (the seam the tests use, with their console and settings).</summary>
    /// <param name="configuration">More configuration, on top of the web app's (appsettings, environment).</param>
    /// <param name="services">Services to replace, after the app's own are registered.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        CommandConsole console,
        Action<IConfigurationBuilder>? configuration = null,
        Action<IServiceCollection>? services = null,
        CancellationToken cancellationToken = default)
    {
        HostTypeRegistrar? registrar = null;
        try
        {
            var builder = CreateBuilder(console, configuration, services);
            var errors = new CommandErrors(console.Error, builder.Configuration);
            registrar = new HostTypeRegistrar(builder);
            var app = new CommandApp(registrar);
            app.Configure(config => Configure(config, console, errors));
            var exitCode = await app.RunAsync(args, cancellationToken);

            // The branch alone shows its help (Spectre then exits 1); a missing subcommand is a usage error.
            return args is ["employees"] ? ExitCodes.Usage : exitCode;
        }
        catch (Exception exception)
        {
            // The host could not even be made (a configuration file that is not JSON, say): still no stack trace.
            console.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            if (registrar?.Host is IAsyncDisposable host)
            {
                try
                {
                    await host.DisposeAsync();
                }
                catch (Exception exception)
                {
                    // What the command did is done; a connection that closes badly is told, not thrown.
                    console.Error.WriteLine($"error: {exception.Message}");
                }
            }
        }
    }

    /// <summary>
    /// The host the commands run in: the web app's configuration sources and its Application,
    /// Infrastructure and mediator registrations, with none of the web parts.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(
        CommandConsole console,
        Action<IConfigurationBuilder>? configuration = null,
        Action<IServiceCollection>? services = null)
    {
        // As WebApplication.CreateBuilder does: ASPNETCORE_ variables (ASPNETCORE_ENVIRONMENT above all)
        // are host settings, under DOTNET_ ones; then appsettings*.json, environment variables, as the web app.
        var hostConfiguration = new ConfigurationManager();
        hostConfiguration.AddEnvironmentVariables(prefix: "ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Configuration = hostConfiguration,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        configuration?.Invoke(builder.Configuration);

        // Log lines go to standard error, as one line each without stack traces; the framework's
        // information lines are the web app's diagnostics, not a command's output.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options =>
        {
            options.FormatterName = CommandLogFormatter.FormatterName;
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Logging.AddConsoleFormatter<CommandLogFormatter, ConsoleFormatterOptions>();
        // For this provider, so that they win over the web app's Logging:LogLevel entries. EF Core's lines (the
        // SQL of a failed command, the migration lock) are the web app's diagnostics: a command says what it
        // did, and a database error reaches the operator as the command's own message.
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.None);

        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton<DatabasePreparation>();
        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddMediatorPipeline();
        services?.Invoke(builder.Services);
        return builder;
    }

    private static void Configure(IConfigurator config, CommandConsole console, CommandErrors errors)
    {
        config.SetApplicationName("FastApiLearning.WebApi");
        config.ConfigureConsole(console.Out);
        // Relaxed parsing would file an unknown option (a mistyped one, or a "--password secret") under
        // remaining arguments and go on: every option must be known.
        config.UseStrictParsing();
        config.SetExceptionHandler((exception, _) => errors.Report(exception));

        config.AddBranch("employees", employees =>
        {
            employees.SetDescription("Manage the employees who can log in.");
            employees.AddCommand<EmployeesAddCommand>("add")
                .WithDescription("Add an employee. The password is asked for twice without echo, or read from standard input "
                    + "with --password-stdin; there is no option that takes it (it would stay in the shell history).")
                .WithExample("employees", "add", "--email", "ada@example.com", "--first-name", "Ada", "--last-name", "Lovelace",
                    "--gender", "F", "--birth-date", "1985-12-10", "--hire-date", "2024-01-15");
            employees.AddCommand<EmployeesSetPasswordCommand>("set-password")
                .WithDescription("Set an employee's password; every token they hold is refused from then on, on every instance.")
                .WithExample("employees", "set-password", "ada@example.com");
            employees.AddCommand<EmployeesGrantCommand>("grant")
                .WithDescription("Grant scopes to an employee (user:read, user:write, admin:read, admin:write, super:*) and print what "
                    + "they hold afterwards. Their tokens are refused from then on, on every instance, so the next login carries the new scopes.")
                .WithExample("employees", "grant", "ada@example.com", "admin:read", "admin:write");
            employees.AddCommand<EmployeesRevokeScopeCommand>("revoke-scope")
                .WithDescription("Take scopes away from an employee and print what they hold afterwards (revoking every one records "
                    + "\"no scope at all\"). Their tokens are refused from then on, on every instance: nobody keeps a scope that was taken away.")
                .WithExample("employees", "revoke-scope", "ada@example.com", "admin:write");
            employees.AddCommand<EmployeesListCommand>("list")
                .WithDescription("List employees in emp_no order (never their password hashes).")
                .WithExample("employees", "list", "--limit", "20");
            employees.AddCommand<EmployeesWrapLegacyHashesCommand>("wrap-legacy-hashes")
                .WithDescription("Wrap every bcrypt and weaker-Argon2 hash in today's Argon2id, so that no known user costs "
                    + "less to verify than an unknown one. No password is needed; safe to run again, and while the service runs.")
                .WithExample("employees", "wrap-legacy-hashes");
            employees.AddCommand<EmployeesImportCommand>("import")
                .WithDescription("Import employees from the MySQL sample's dump or a CSV file, all rows or none: "
                    + "a bad line stops it with its line number and leaves the database as it was.")
                .WithExample("employees", "import", "load_employees.dump")
                .WithExample("employees", "import", "staff.csv", "--update");
            employees.AddCommand<EmployeesRemoveCommand>("remove")
                .WithDescription("Remove an employee; their tokens are refused from then on, on every instance.")
                .WithExample("employees", "remove", "ada@example.com", "--yes");
        });
        config.AddCommand<MigrateCommand>("migrate")
            .WithDescription("Bring the employees database to the current model (what the web app does at start-up "
                + "unless Database:MigrateOnStartup is false). Several instances may run it at once.");
    }
}
