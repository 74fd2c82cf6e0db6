using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.Infrastructure.Users;

public sealed class EmployeeStoreOptions : IValidatableObject
{
    public const string SectionName = "EmployeeStore";

    /// <summary>The JSON seed file; a relative path is taken from the app's own folder.</summary>
    [Required]
    public string DataFile { get; set; } = Path.Combine("Data", "employees.json");

    public string ResolvedDataFile => Path.GetFullPath(DataFile, AppContext.BaseDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!File.Exists(ResolvedDataFile))
        {
            yield return new($"EmployeeStore:DataFile names no file ({ResolvedDataFile}).");
        }
    }
}
