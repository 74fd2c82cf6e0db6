using System.Reflection;
using FastApiLearning.Application.Employees;
using FastApiLearning.Application.Employees.SearchEmployees;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.UnitTests.Employees;

/// <summary>
/// The web layer maps the directory's results to answers and pages; none of them can carry a password hash
/// if none of their types has a place for one.
/// </summary>
public sealed class DirectoryResultsTests
{
    private static readonly string[] s_directoryFeatures = ["SearchEmployees", "GetEmployee", "UpdateEmployee", "CreateEmployee"];

    private static IEnumerable<Type> ResultTypes() =>
        typeof(SearchEmployeesResult).Assembly.GetTypes()
            .Where(type => type.Namespace is { } ns && s_directoryFeatures.Any(feature => ns.EndsWith("Employees." + feature, StringComparison.Ordinal)))
            .Where(type => type.Name.EndsWith("Result", StringComparison.Ordinal) || type.DeclaringType?.Name.EndsWith("Result", StringComparison.Ordinal) == true)
            .Append(typeof(EmployeeProfile));

    [Test]
    public void ResultTypes_AreFoundForEveryDirectoryFeature()
    {
        // Assert: the test below looks at something.
        Assert.That(
            ResultTypes().Select(type => type.Namespace!.Split('.')[^1]).Distinct(),
            Is.SupersetOf(s_directoryFeatures));
    }

    [TestCaseSource(nameof(ResultTypes))]
    public void ResultType_HasNoEmployeeAndNoPasswordProperty(Type type)
    {
        // Act
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

        // Assert
        Assert.That(properties.Where(p => Reaches(p.PropertyType, typeof(Employee))).Select(p => p.Name), Is.Empty, "a property holds an Employee");
        Assert.That(properties.Where(p => p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase)).Select(p => p.Name), Is.Empty);
    }

    private static bool Reaches(Type type, Type target) =>
        target.IsAssignableFrom(type) || type.GetGenericArguments().Any(argument => Reaches(argument, target))
        || (type.IsArray && Reaches(type.GetElementType()!, target));
}
