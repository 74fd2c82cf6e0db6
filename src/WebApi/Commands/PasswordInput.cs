using Spectre.Console;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// A password comes from the terminal without echo (asked twice) or from the first line of standard
/// input; never from an argument, which the shell history and the process list would keep.
/// </summary>
public static class PasswordInput
{
    /// <param name="fromStandardInput">The command's <c>--password-stdin</c> (or <c>--initial-password-stdin</c>).</param>
    /// <param name="option">That option's name, for the messages.</param>
    public static async Task<string> ReadAsync(
        CommandConsole console, bool fromStandardInput, string option, string what, CancellationToken cancellationToken)
    {
        if (fromStandardInput)
        {
            // The first line, without its line break: `echo "$PASSWORD" | … --password-stdin` works as it reads.
            var line = await console.In.ReadLineAsync(cancellationToken);
            return string.IsNullOrEmpty(line)
                ? throw new CommandUsageException($"{option}: standard input has no {what} on its first line.")
                : line;
        }

        if (!console.CanPrompt)
        {
            throw new CommandUsageException(
                $"standard input is not a terminal, so the {what} cannot be asked for: pipe it in with {option}.");
        }

        var first = await Ask(console, $"{Capitalized(what)}:", cancellationToken);
        var second = await Ask(console, $"{Capitalized(what)} again:", cancellationToken);
        return first == second
            ? first
            : throw new CommandUsageException($"the two {what}s differ; nothing was changed.");
    }

    // No mask either: not even the length is shown.
    private static Task<string> Ask(CommandConsole console, string prompt, CancellationToken cancellationToken) =>
        new TextPrompt<string>(prompt).Secret(null).ShowAsync(console.Error, cancellationToken);

    private static string Capitalized(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]);
}
