using FastApiLearning.Domain.Employees;
using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// Asks the employee whether a client that is not ours may have the scopes it asked for. The form posts the
/// authorization request back to <c>/authorize</c> with the answer (and an antiforgery token). When the employee
/// holds none of what the client may have, the page says so and offers only the way back (the client then hears
/// access_denied, as for a "Deny": it learns nothing of what the employee holds).
/// </summary>
public sealed partial class ConsentPage
{
    public const string Title = "Allow access?";
    public const string DecisionField = "consent";
    public const string Allow = "allow";
    public const string Deny = "deny";

    /// <param name="clientName">The client's registered display name.</param>
    /// <param name="scopes">What the code would carry; empty when it could carry nothing.</param>
    /// <param name="parameters">The authorization request's parameters, posted back as they came.</param>
    public static IResult Result(string clientName, IReadOnlyList<Scope> scopes, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        PageResults.Page<ConsentPage>(new Dictionary<string, object?>
        {
            [nameof(ClientName)] = clientName,
            [nameof(Scopes)] = scopes,
            [nameof(Parameters)] = parameters,
        });

    [Parameter, EditorRequired]
    public string ClientName { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<Scope> Scopes { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; set; } = [];
}
