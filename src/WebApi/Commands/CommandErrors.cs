using System.Data.Common;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FluentValidation;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// Every way a management command can fail, turned into one message on standard error and an exit code
/// (<see cref="ExitCodes"/>). Messages only: nothing here prints a stack trace.
/// </summary>
/// <param name="configuration">To name the database in a message that says it could not be reached.</param>
public sealed class CommandErrors(IAnsiConsole error, IConfiguration configuration)
{
    public int Report(Exception exception)
    {
        // The outermost exception that says what went wrong: Spectre wraps what a command's construction
        // threw, EF Core and the stores wrap the provider's exception.
        var cause = Chain(exception).FirstOrDefault(IsKnown) ?? exception;

        switch (cause)
        {
            case CommandAppException { Pretty: { } pretty }:
                error.Write(pretty);
                return ExitCodes.Usage;
            case CommandAppException app:
                // The parser's and binder's own words: an unknown option, a value that does not convert, a failed check.
                return Write(app.Message, ExitCodes.Usage);
            case CommandUsageException usage:
                return Write(usage.Message, ExitCodes.Usage);
            case ValidationException validation:
                // Application keys each failure by the option it came from and starts its message with it
                // ("first-name must be at most 14 characters"): the field and why, as the operator typed it.
                foreach (var failure in validation.Errors)
                {
                    Write(failure.ErrorMessage, ExitCodes.Usage);
                }

                return ExitCodes.Usage;
            case CommandFailedException failed:
                return Write(failed.Message, ExitCodes.Failure);
            case EmailTakenException taken:
                return Write(taken.Message, ExitCodes.Failure);
            case ImportFormatException format:
                return Write($"{format.Message.TrimEnd('.')}. Nothing was imported.", ExitCodes.Failure);
            case ResourceUnavailableException unavailable:
                // An outage the provider reported names the database and the provider's reason; another
                // (Redis's, the session store's) is told in its own words.
                return Write(
                    Chain(unavailable).OfType<DbException>().FirstOrDefault() is { } reason
                        ? $"{DatabaseDescription.Describe(configuration)} is unavailable: {reason.Message}"
                        : MessageOf(unavailable),
                    ExitCodes.Failure);
            case DbException database:
                return Write(
                    $"{DatabaseDescription.Describe(configuration)} cannot be used: {Explained(exception, database)}", ExitCodes.Failure);
            case OptionsValidationException options:
                return Write($"the configuration is not valid: {string.Join(" ", options.Failures)}", ExitCodes.Failure);
            case OperationCanceledException:
                return Write("cancelled.", ExitCodes.Failure);
            default:
                return Write(MessageOf(cause), ExitCodes.Failure);
        }
    }

    private int Write(string message, int exitCode)
    {
        error.MarkupLineInterpolated($"[red]error:[/] {message}");
        return exitCode;
    }

    private static bool IsKnown(Exception exception) => exception is CommandUsageException or CommandFailedException
        or ValidationException or EmailTakenException or ImportFormatException or ResourceUnavailableException
        or DbException or OptionsValidationException or OperationCanceledException;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>
    /// What failed in the words of the outermost exception that is not Spectre's wrapper (an EF Core or
    /// migrator message saying what it was doing), plus the cause's when it does not include it.
    /// </summary>
    private static string Explained(Exception exception, Exception cause)
    {
        var outer = exception;
        while (outer is CommandAppException { InnerException: { } inner })
        {
            outer = inner;
        }

        return ReferenceEquals(outer, cause) || outer.Message.Contains(cause.Message, StringComparison.Ordinal)
            ? outer.Message
            : $"{outer.Message} {cause.Message}";
    }

    /// <summary>An unexpected failure: its message, and the innermost one when that says more.</summary>
    private static string MessageOf(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost == exception || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message} {innermost.Message}";
    }
}
