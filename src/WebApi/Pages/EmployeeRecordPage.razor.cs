using System.Globalization;
using FastApiLearning.Application.Employees;
using FastApiLearning.Domain.Employees;
using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>One employee's record: "My details" for one's own, the employee's name otherwise.</summary>
public sealed partial class EmployeeRecordPage
{
    public const string MyDetails = "My details";
    public const string Saved = "Your changes have been saved.";
    public const string Created = "The employee has been added.";

    /// <summary>The notices <c>?notice=…</c> may show: fixed texts, so nothing from the URL is echoed.</summary>
    public static string? NoticeFor(string? code) => code switch
    {
        "saved" => Saved,
        "created" => Created,
        _ => null,
    };

    public static string UrlFor(int empNo) => string.Create(CultureInfo.InvariantCulture, $"/directory/{empNo}");

    public static IResult Result(EmployeeProfile employee, PageAccess access, string? notice) =>
        PageResults.Page<EmployeeRecordPage>(new Dictionary<string, object?>
        {
            [nameof(Employee)] = employee,
            [nameof(Own)] = access.Caller.Is(employee.EmpNo),
            [nameof(CanEdit)] = access.CanEdit(employee.EmpNo),
            [nameof(CanSearch)] = access.CanSearch,
            [nameof(Notice)] = notice,
        });

    [Parameter, EditorRequired]
    public required EmployeeProfile Employee { get; set; }

    [Parameter]
    public bool Own { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter]
    public bool CanSearch { get; set; }

    [Parameter]
    public string? Notice { get; set; }

    private string Heading => Own ? MyDetails : Employee.FullName;

    private string EditUrl => EmployeeFormPage.EditUrlFor(Employee.EmpNo);

    private string GenderName => Employee.Gender == Gender.F ? "Female" : "Male";
}
