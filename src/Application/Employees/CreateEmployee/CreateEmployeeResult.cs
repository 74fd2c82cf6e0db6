namespace FastApiLearning.Application.Employees.CreateEmployee;

/// <summary>What adding an employee came to. Only <see cref="Created"/> stored anything.</summary>
public abstract record CreateEmployeeResult
{
    private CreateEmployeeResult()
    {
    }

    public static CreateEmployeeResult EmailTaken { get; } = new EmailInUse();

    /// <param name="Employee">As stored, with the emp_no the store gave it.</param>
    public sealed record Created(EmployeeProfile Employee) : CreateEmployeeResult;

    /// <summary>The caller's token does not satisfy <paramref name="RequiredScope"/>: nothing was hashed or stored.</summary>
    public sealed record Forbidden(string RequiredScope) : CreateEmployeeResult;

    /// <summary>Another employee has the email (also when two requests race for it).</summary>
    public sealed record EmailInUse : CreateEmployeeResult
    {
        public string Message => EmployeeRules.EmailTakenMessage;
    }
}
