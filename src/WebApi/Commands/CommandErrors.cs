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
        // Spectre wraps what a command's construction threw; the cause decides.
        var cause = Find<ResourceUnavailableException>(exception)
            ?? Find<DbException>(exception)
            ?? Find<OptionsValidationException>(exception)
            ?? exception;

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
                error.MarkupLine("[red]error:[/] the input is not valid:");
                foreach (var failure in validation.Errors)
                {
                    error.MarkupLineInterpolated($"  {OptionName(failure.PropertyName)}: {failure.ErrorMessage}");
                }

                return ExitCodes.Usage;
            case CommandFailedException failed:
                return Write(failed.Message, ExitCodes.Failure);
            case EmailTakenException taken:
                return Write(taken.Message, ExitCodes.Failure);
            case ImportFormatException format:
                return Write($"{format.Message}. Nothing was imported.", ExitCodes.Failure);
            case ResourceUnavailableException unavailable:
                return Write($"{unavailable.Message} ({DatabaseDescription.Describe(configuration)})", ExitCodes.Failure);
            case DbException database:
                return Write($"{DatabaseDescription.Describe(configuration)} cannot be used: {database.Message}", ExitCodes.Failure);
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

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>An unexpected failure: its message, and the innermost one when that says more.</summary>
    private static string MessageOf(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost == exception || innermost.Message == exception.Message
            ? exception.Message
            : $"{exception.Message} {innermost.Message}";
    }

    /// <summary>A message's property as the option that carries it: <c>FirstName</c> → <c>--first-name</c>.</summary>
    public static string OptionName(string propertyName)
    {
        // The password never comes from an option (it is asked for, or read from standard input).
        if (string.IsNullOrEmpty(propertyName) || propertyName == "Password")
        {
            return string.IsNullOrEmpty(propertyName) ? "input" : "password";
        }

        var name = new System.Text.StringBuilder("--");
        for (var i = 0; i < propertyName.Length; i++)
        {
            var c = propertyName[i];
            if (char.IsUpper(c) && i > 0)
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }
}
