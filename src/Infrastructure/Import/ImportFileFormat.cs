namespace FastApiLearning.Infrastructure.Import;

/// <summary>The formats an employees import file can have.</summary>
public enum ImportFileFormat
{
    /// <summary>The MySQL sample's <c>load_employees.dump</c>: <c>INSERT INTO `employees` VALUES (…),(…);</c> (<see cref="EmployeeDumpReader"/>).</summary>
    Dump,

    /// <summary>CSV with a header row (<see cref="EmployeeCsvReader"/>).</summary>
    Csv,
}
