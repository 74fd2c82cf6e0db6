using System.Text.RegularExpressions;
using FastApiLearning.Application.Users.GetCurrentUser;
using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>Where a browser lands after logging in.</summary>
public sealed partial class HomePage
{
    public const string NoPermissions =
        "Your account has no permissions beyond seeing who you are. Ask an administrator if you need to see or change employee records.";

    public static IResult Result(UserProfile user, PageAccess access) =>
        PageResults.Page<HomePage>(new Dictionary<string, object?> { [nameof(User)] = user, [nameof(Access)] = access });

    [Parameter, EditorRequired]
    public required UserProfile User { get; set; }

    /// <summary>Which links the session's scopes allow.</summary>
    [Parameter, EditorRequired]
    public required PageAccess Access { get; set; }

    /// <summary>
    /// The email in the pieces a narrow screen may wrap it into: after the @ and before each dot,
    /// never inside a word.
    /// </summary>
    private IEnumerable<string> EmailPieces => WrapPoints().Split(User.Email).Where(piece => piece.Length > 0);

    [GeneratedRegex(@"(?<=@)|(?=\.)")]
    private static partial Regex WrapPoints();
}
