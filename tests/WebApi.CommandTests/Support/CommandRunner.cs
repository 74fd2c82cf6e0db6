using System.Security.Cryptography;
using System.Text.Json;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.WebApi.Commands;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Testing;

namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>
/// Runs command lines in process through the entry Program uses (<see cref="ManagementCommands.RunAsync(IReadOnlyList{string}, CommandConsole, Action{IConfigurationBuilder}?, Action{IServiceCollection}?, CancellationToken)"/>),
/// each in a host of its own, against one SQLite employees database of this runner's, migrated and seeded
/// with the sample users (or the given employees) before the first run.
/// </summary>
public sealed class CommandRunner
{
    public static readonly string SigningKey = Convert.ToBase64String(SHA256.HashData("command tests"u8));

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly string _connectionString;
    private readonly string _dataFile;
    private readonly Action<IServiceCollection>? _services;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Lazy<Task> _database;

    /// <param name="services">Services to replace in every run (a store that fails, say).</param>
    /// <param name="employees">The rows to begin with; by default the sample users.</param>
    /// <param name="settings">More configuration, over the runner's.</param>
    /// <param name="createDatabase">False leaves the database file to the commands (it does not exist yet).</param>
    public CommandRunner(
        Action<IServiceCollection>? services = null,
        IEnumerable<Employee>? employees = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool createDatabase = true)
    {
        var folder = TestFolders.New();
        DatabaseFile = Path.Combine(folder, "data", "employees.db");
        _connectionString = $"Data Source={DatabaseFile}";
        _dataFile = employees is null
            ? Path.Combine(AppContext.BaseDirectory, "Data", "employees.json")
            : WriteEmployeesFile(Path.Combine(folder, "employees.json"), employees);
        _services = services;
        _settings = settings ?? new Dictionary<string, string?>();
        _database = new Lazy<Task>(createDatabase ? MigrateAndSeedAsync : () => Task.CompletedTask);
    }

    /// <summary>The SQLite file, in a folder that exists only once something made it.</summary>
    public string DatabaseFile { get; }

    public Task<CommandResult> RunAsync(params string[] args) => RunAsync(args, standardInput: "");

    /// <param name="standardInput">What is piped in (standard input is then not a terminal).</param>
    public Task<CommandResult> RunAsync(string[] args, string standardInput) =>
        RunAsync(args, new CommandConsole(NewConsole(), NewConsole(), new StringReader(standardInput), canPrompt: false));

    /// <summary>On a terminal: <paramref name="typed"/> are the lines a person types at the prompts.</summary>
    public Task<CommandResult> RunOnTerminalAsync(string[] args, params string[] typed)
    {
        var error = NewConsole().Interactive();
        foreach (var line in typed)
        {
            error.Input.PushTextWithEnter(line);
        }

        return RunAsync(args, new CommandConsole(NewConsole().Interactive(), error, TextReader.Null, canPrompt: true));
    }

    /// <summary>A login through the mediator of a host made as the commands make theirs, over the same database.</summary>
    public async Task<LoginResult> LogInAsync(string email, string password)
    {
        await _database.Value;
        using var host = BuildHost();
        return await host.Services.GetRequiredService<ISender>().Send(new LoginCommand(email, password));
    }

    private async Task<CommandResult> RunAsync(string[] args, CommandConsole console)
    {
        await _database.Value;
        var exitCode = await ManagementCommands.RunAsync(args, console, Configure, _services);
        return new CommandResult(exitCode, ((TestConsole)console.Out).Output, ((TestConsole)console.Error).Output);
    }

    private async Task MigrateAndSeedAsync()
    {
        using var host = BuildHost();
        // None with the Fake provider, whose rows are the sample users' file.
        if (host.Services.GetService<DatabaseMigrator>() is { } migrator)
        {
            await migrator.MigrateAsync(CancellationToken.None);
            await migrator.SeedSampleUsersAsync(CancellationToken.None);
        }
    }

    private IHost BuildHost() =>
        ManagementCommands.CreateBuilder(
            new CommandConsole(NewConsole(), NewConsole(), TextReader.Null, canPrompt: false), Configure, _services).Build();

    /// <summary>The configuration every run gets over the app's: this runner's database, a signing key.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Employees"] = _connectionString,
                ["EmployeeStore:DataFile"] = _dataFile,
                ["Jwt:SigningKey"] = SigningKey,
                ["Jwt:Issuer"] = "http://localhost",
            };
            foreach (var (key, value) in _settings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>The database as the first run would find it: migrated and seeded.</summary>
    public Task CreateDatabaseAsync() => _database.Value;

    private void Configure(IConfigurationBuilder configuration) => configuration.AddInMemoryCollection(Settings);

    /// <summary>Rows in the format of src/Infrastructure/Data/employees.json, the sample users' file.</summary>
    private static string WriteEmployeesFile(string path, IEnumerable<Employee> employees)
    {
        var rows = employees.Select(employee => new Dictionary<string, object>
        {
            ["emp_no"] = employee.EmpNo,
            ["email"] = employee.Email,
            ["password"] = employee.PasswordHash,
            ["birth_date"] = employee.BirthDate,
            ["first_name"] = employee.FirstName,
            ["last_name"] = employee.LastName,
            ["gender"] = employee.Gender.ToString(),
            ["hire_date"] = employee.HireDate,
        });
        File.WriteAllText(path, JsonSerializer.Serialize(rows, s_json));
        return path;
    }

    // Wide enough that no table cell or message is wrapped.
    private static TestConsole NewConsole() => new TestConsole().Width(1000);
}
