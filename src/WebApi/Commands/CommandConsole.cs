using Spectre.Console;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// Where a management command talks: results (tables, summaries, progress) on <see cref="Out"/>, messages
/// and questions on <see cref="Error"/>, and <see cref="In"/> for what is piped in (<c>--password-stdin</c>).
/// </summary>
/// <param name="canPrompt">
/// Whether a person can be asked (a password without echo, a confirmation): standard input is a terminal.
/// </param>
public sealed class CommandConsole(IAnsiConsole output, IAnsiConsole error, TextReader input, bool canPrompt)
{
    private const int RedirectedWidth = 1000;

    public IAnsiConsole Out { get; } = output;

    public IAnsiConsole Error { get; } = error;

    public TextReader In { get; } = input;

    public bool CanPrompt { get; } = canPrompt;

    /// <summary>The process's own standard streams.</summary>
    public static CommandConsole FromProcess()
    {
        var canPrompt = !Console.IsInputRedirected;
        var output = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            // Spectre's own detection also wants stdout and stderr unredirected; a prompt only needs the keyboard.
            Interactive = canPrompt ? InteractionSupport.Yes : InteractionSupport.No,
        });
        var error = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = canPrompt ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // Piped or redirected, lines are not wrapped at Spectre's default of 80 columns (a table, a message).
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = RedirectedWidth;
        }

        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = RedirectedWidth;
        }

        return new CommandConsole(output, error, Console.In, canPrompt);
    }
}
