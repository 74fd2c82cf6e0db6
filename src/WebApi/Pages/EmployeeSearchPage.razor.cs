using System.Globalization;
using FastApiLearning.Application.Employees.SearchEmployees;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// "Search employees": a GET form (a search changes nothing, and its URL can be kept and shared) and a page
/// of results, each linking to the record.
/// </summary>
public sealed partial class EmployeeSearchPage
{
    public const string Title = "Search employees";

    /// <param name="found">Null before the first search, or when the form was refused.</param>
    public static IResult Result(
        string? lastName,
        string? firstName,
        SearchEmployeesResult.Found? found,
        int statusCode = StatusCodes.Status200OK,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null) =>
        PageResults.Page<EmployeeSearchPage>(
            new Dictionary<string, object?>
            {
                [nameof(LastName)] = lastName,
                [nameof(FirstName)] = firstName,
                [nameof(Found)] = found,
                [nameof(FieldErrors)] = fieldErrors,
            },
            statusCode);

    [Parameter]
    public string? LastName { get; set; }

    [Parameter]
    public string? FirstName { get; set; }

    [Parameter]
    public SearchEmployeesResult.Found? Found { get; set; }

    [Parameter]
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; set; }

    private static int LastPage(SearchEmployeesResult.Found found) => Math.Max(1, (found.Total + found.PageSize - 1) / found.PageSize);

    private static string Summary(SearchEmployeesResult.Found found) => found.Total switch
    {
        0 => "No employee matches",
        1 => "1 employee matches",
        _ when found.Employees.Count == 0 => string.Create(CultureInfo.InvariantCulture, $"{found.Total} employees match; this page is past the last"),
        _ => string.Create(
            CultureInfo.InvariantCulture,
            $"{found.Total} employees match; {(found.Page - 1) * found.PageSize + 1} to {(found.Page - 1) * found.PageSize + found.Employees.Count} shown"),
    };

    private string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["last_name"] = LastName ?? "",
            ["first_name"] = FirstName ?? "",
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
        };
        if (Found is { PageSize: not SearchEmployeesQueryValidator.DefaultPageSize } found)
        {
            query["page_size"] = found.PageSize.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString("/directory", query);
    }

    private string[]? MessagesFor(string field) => FieldErrors?.GetValueOrDefault(field);

    private string? Invalid(string field) => MessagesFor(field) is null ? null : "true";

    private string? DescribedBy(string field) => MessagesFor(field) is null ? null : field + "-error";
}
