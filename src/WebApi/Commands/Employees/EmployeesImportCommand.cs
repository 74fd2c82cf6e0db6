using FastApiLearning.Application.Employees.ImportEmployees;
using FastApiLearning.Infrastructure.Import;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary>
/// <c>employees import FILE</c>: the rows of a dump or CSV file in one <see cref="ImportEmployeesCommand"/>
/// (the bulk import port: all rows or none), with a progress bar on a terminal and plain lines otherwise.
/// </summary>
public sealed class EmployeesImportCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesImportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmployeesImportSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var initialPassword = settings.InitialPasswordStdin
            ? await PasswordInput.ReadAsync(console, fromStandardInput: true, "--initial-password-stdin", "initial password", cancellationToken)
            : null;

        using var reader = ImportFile.OpenText(settings.File);
        var file = reader.BaseStream;
        var summary = await console.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var name = Path.GetFileName(settings.File).EscapeMarkup();
                // Progress through the file's bytes: the number of rows is not known before the end.
                var task = progress.AddTask($"Importing {name}", maxValue: Math.Max(1, file.Length));
                var rows = new ImportProgress(task, file, name);
                var imported = await sender.Send(
                    new ImportEmployeesCommand(
                        ImportFile.Read(reader, settings.ParsedFormat, cancellationToken), settings.Update, initialPassword, rows),
                    cancellationToken);
                task.Value = task.MaxValue;
                return imported;
            });

        console.Out.MarkupLineInterpolated($"Added {summary.Added}, updated {summary.Updated}, skipped {summary.Skipped}.");
        return ExitCodes.Success;
    }
}
