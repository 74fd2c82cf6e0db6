using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// "Edit employee" and "New employee": one form. An edit carries the version it was made from in a hidden
/// field, so a save over someone else's change is refused. With <c>user:write</c> alone (one's own record)
/// the email and the hire date are shown but cannot be changed; the update handler refuses them if they are.
/// </summary>
public sealed partial class EmployeeFormPage
{
    public const string NewHeading = "New employee";
    public const string EditHeading = "Edit employee";
    public const string NewUrl = "/directory/new";
    public const string StaleMessage =
        "Someone changed this record while you were editing it. These are the current values: make your changes again and save.";

    private const string ReadOnlyHint = "read-only-hint";

    public static string EditUrlFor(int empNo) => string.Create(CultureInfo.InvariantCulture, $"/directory/{empNo}/edit");

    /// <param name="empNo">The record edited; null for a new employee.</param>
    /// <param name="everyField">False when only the names, gender and birth date may change.</param>
    /// <param name="error">Why the last save was not made, above the form.</param>
    /// <param name="fieldErrors">Messages keyed by form field, beside each field.</param>
    public static IResult Result(
        EmployeeForm form,
        int? empNo,
        bool everyField,
        int statusCode = StatusCodes.Status200OK,
        string? error = null,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null) =>
        PageResults.Page<EmployeeFormPage>(
            new Dictionary<string, object?>
            {
                [nameof(Form)] = form,
                [nameof(EmpNo)] = empNo,
                [nameof(EveryField)] = everyField,
                [nameof(Error)] = error,
                [nameof(FieldErrors)] = fieldErrors,
            },
            statusCode);

    [Parameter, EditorRequired]
    public required EmployeeForm Form { get; set; }

    [Parameter]
    public int? EmpNo { get; set; }

    [Parameter]
    public bool EveryField { get; set; }

    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; set; }

    private bool IsEdit => EmpNo is not null;

    private string Heading => IsEdit ? EditHeading : NewHeading;

    private string Action => EmpNo is { } empNo ? EditUrlFor(empNo) : NewUrl;

    private string CancelUrl => EmpNo is { } empNo ? EmployeeRecordPage.UrlFor(empNo) : "/";

    private string[]? MessagesFor(string field) => FieldErrors?.GetValueOrDefault(field);

    // Null leaves the attribute out.
    private string? Invalid(string field) => MessagesFor(field) is null ? null : "true";

    private string? DescribedBy(string field, string? hint = null)
    {
        var ids = new List<string>();
        if (MessagesFor(field) is not null)
        {
            ids.Add(field + "-error");
        }

        if (hint is not null && (hint != ReadOnlyHint || !EveryField))
        {
            ids.Add(hint);
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
