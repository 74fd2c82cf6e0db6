namespace FastApiLearning.Domain.Employees;

/// <summary>The sample's <c>ENUM('M','F')</c>.</summary>
public enum Gender
{
    M,
    F,
}
