using FastApiLearning.Domain.Employees;

namespace FastApiLearning.TestSupport.Employees;

/// <summary>The sample users as the employees store holds them (an object mother: one place for the literals).</summary>
public static class SampleEmployees
{
    public const string BehaiEmail = "behai_nguyen@hotmail.com";
    public const string PranavEmail = "pranav.furedi.10198@gmail.com";
    public const string Password = "password";

    /// <summary>Be Hai Doe, emp_no 500222, with the given password hash.</summary>
    public static Employee Behai(string passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$salt$hash") => new(
        500222, BehaiEmail, passwordHash, new DateOnly(1970, 10, 27), "Be Hai", "Doe", Gender.M, new DateOnly(2021, 6, 15));

    /// <summary>Pranav Furedi, emp_no 10198 of the MySQL sample, with the given password hash.</summary>
    public static Employee Pranav(string passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$salt$hash") => new(
        10198, PranavEmail, passwordHash, new DateOnly(1953, 6, 7), "Pranav", "Furedi", Gender.M, new DateOnly(1985, 10, 20));
}
