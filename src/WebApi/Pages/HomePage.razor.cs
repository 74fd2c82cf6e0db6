using FastApiLearning.Application.Users.GetCurrentUser;
using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>Where a browser lands after logging in.</summary>
public sealed partial class HomePage
{
    public static IResult Result(UserProfile user) =>
        PageResults.Page<HomePage>(new Dictionary<string, object?> { [nameof(User)] = user });

    [Parameter, EditorRequired]
    public required UserProfile User { get; set; }
}
