using FastApiLearning.Application.Auth;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// What the session's scopes let a person follow, so that the pages show only those links and refuse a typed
/// URL before rendering a form. The handlers decide again on every message: this only decides what is shown.
/// </summary>
public sealed record PageAccess(Caller Caller)
{
    public bool HasAnyScope => Caller.Scopes.Count > 0;

    public bool CanSeeOwnRecord => Caller.Holds(Scopes.UserRead);

    public bool CanSearch => Caller.Holds(Scopes.AdminRead);

    public bool CanCreate => Caller.Holds(Scopes.AdminWrite);

    /// <summary>May change every field of anyone's record.</summary>
    public bool CanEditEveryField => Caller.Holds(Scopes.AdminWrite);

    public bool CanEdit(int empNo) => EditNeeds(empNo) is null;

    /// <summary>The scope an edit of <paramref name="empNo"/> lacks (the update handler's rule), or null when it is allowed.</summary>
    public string? EditNeeds(int empNo) =>
        CanEditEveryField || (Caller.Is(empNo) && Caller.Holds(Scopes.UserWrite))
            ? null
            : Caller.Is(empNo) ? Scopes.UserWrite : Scopes.AdminWrite;
}
