namespace FastApiLearning.Application.Auth;

/// <summary>
/// Who sends a message, as the web layer read it from a validated token: the employee and the scope names
/// the token was granted (as granted, not expanded). Handlers decide own-versus-other rules with it.
/// </summary>
public sealed record Caller(int EmpNo, IReadOnlyList<string> Scopes)
{
    /// <summary>Whether the caller's scopes satisfy <paramref name="scope"/>, inclusions applied (the one rule, <c>Scopes.Satisfy</c>).</summary>
    public bool Holds(string scope) => Domain.Employees.Scopes.Satisfy(Scopes, scope);

    /// <summary>Whether the caller is the employee <paramref name="empNo"/>.</summary>
    public bool Is(int empNo) => EmpNo == empNo;

    public override string ToString() => $"Caller {{ EmpNo = {EmpNo}, Scopes = {string.Join(' ', Scopes)} }}";
}
