using System.Globalization;
using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Employees.CreateEmployee;
using FastApiLearning.Application.Employees.GetEmployee;
using FastApiLearning.Application.Employees.SearchEmployees;
using FastApiLearning.Application.Employees.UpdateEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// The employee directory's pages: search, a record, its edit and a new employee. They send the same
/// messages as the JSON API under <c>/employees</c>, with the session's <see cref="Caller"/>; the handlers
/// decide what the scopes allow, and <see cref="PageAccess"/> only which links and forms to show.
/// Every save answers 303 (post/redirect/get) or the form again with its messages.
/// </summary>
public static class DirectoryPageEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryPageEndpoints(this IEndpointRouteBuilder app)
    {
        // The forms check their antiforgery token themselves (PageForms), after the cross-site check.
        var pages = app.MapGroup("/directory").ExcludeFromDescription().DisableAntiforgery();
        pages.MapGet("", Search);
        pages.MapGet("/{empNo:int:min(1)}", Record);
        pages.MapGet("/{empNo:int:min(1)}/edit", EditForm);
        pages.MapPost("/{empNo:int:min(1)}/edit", Edit);
        pages.MapGet("/new", NewForm);
        pages.MapPost("/new", Create);
        return app;
    }

    private static async Task<IResult> Search(HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return PageEndpoints.LogInFirst(httpContext);
        }

        if (!new PageAccess(caller).CanSearch)
        {
            return ErrorPage.Forbidden(Scopes.AdminRead);
        }

        var query = httpContext.Request.Query;
        string? lastName = query["last_name"];
        string? firstName = query["first_name"];
        if (query.Count == 0)
        {
            return EmployeeSearchPage.Result(null, null, found: null);
        }

        var page = Number(query["page"], 1);
        var pageSize = Number(query["page_size"], SearchEmployeesQueryValidator.DefaultPageSize);
        try
        {
            return await sender.Send(new SearchEmployeesQuery(caller, lastName, firstName, page, pageSize), cancellationToken) switch
            {
                SearchEmployeesResult.Found found => EmployeeSearchPage.Result(lastName, firstName, found),
                SearchEmployeesResult.Forbidden forbidden => ErrorPage.Forbidden(forbidden.RequiredScope),
                _ => throw new InvalidOperationException("Unknown search result."),
            };
        }
        catch (ValidationException invalid)
        {
            return EmployeeSearchPage.Result(
                lastName, firstName, found: null, StatusCodes.Status400BadRequest, ValidationExceptionHandler.ErrorsByField(invalid));
        }
    }

    /// <summary>A whole number from the query; absent: the default; anything else: 0, which the validator refuses beside the form.</summary>
    private static int Number(string? value, int absent) =>
        string.IsNullOrEmpty(value) ? absent
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static async Task<IResult> Record(int empNo, string? notice, HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return PageEndpoints.LogInFirst(httpContext);
        }

        return await sender.Send(new GetEmployeeQuery(caller, empNo), cancellationToken) switch
        {
            GetEmployeeResult.Found found => EmployeeRecordPage.Result(found.Employee, new PageAccess(caller), EmployeeRecordPage.NoticeFor(notice)),
            GetEmployeeResult.Forbidden forbidden => ErrorPage.Forbidden(forbidden.RequiredScope),
            _ => ErrorPage.NotFound(),
        };
    }

    private static async Task<IResult> EditForm(int empNo, HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return PageEndpoints.LogInFirst(httpContext);
        }

        var access = new PageAccess(caller);
        if (access.EditNeeds(empNo) is { } needed)
        {
            return ErrorPage.Forbidden(needed);
        }

        return await CurrentFormAsync(caller, empNo, sender, StatusCodes.Status200OK, error: null, cancellationToken);
    }

    private static async Task<IResult> Edit(
        int empNo,
        HttpContext httpContext,
        ISender sender,
        IAntiforgery antiforgery,
        CrossSiteRequests crossSite,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var (fields, refusal) = await PageForms.ReadAsync(httpContext, antiforgery, crossSite, loggerFactory);
        if (refusal is not null || fields is null)
        {
            return refusal ?? FormExpiredPage.Result();
        }

        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return PageEndpoints.LogInFirst(httpContext);
        }

        // Before validation, which would otherwise show the form again to someone who may not edit.
        var access = new PageAccess(caller);
        if (access.EditNeeds(empNo) is { } needed)
        {
            return ErrorPage.Forbidden(needed);
        }

        var form = EmployeeForm.From(fields);
        if (form.ExpectedVersion is not { } version)
        {
            return FormExpiredPage.Result();
        }

        UpdateEmployeeResult result;
        try
        {
            result = await sender.Send(new UpdateEmployeeCommand(caller, empNo, version, form.ToDetails()), cancellationToken);
        }
        catch (ValidationException invalid)
        {
            return EmployeeFormPage.Result(
                form, empNo, access.CanEditEveryField, StatusCodes.Status400BadRequest, fieldErrors: ValidationExceptionHandler.ErrorsByField(invalid));
        }

        return result switch
        {
            UpdateEmployeeResult.Updated => PageResults.SeeOther(
                (caller.Is(empNo) ? "/me" : EmployeeRecordPage.UrlFor(empNo)) + "?notice=saved"),
            UpdateEmployeeResult.Stale => await CurrentFormAsync(
                caller, empNo, sender, StatusCodes.Status409Conflict, EmployeeFormPage.StaleMessage, cancellationToken),
            UpdateEmployeeResult.EmailInUse taken => EmployeeFormPage.Result(
                form, empNo, access.CanEditEveryField, StatusCodes.Status409Conflict,
                fieldErrors: new Dictionary<string, string[]> { [EmployeeForm.EmailField] = [taken.Message] }),
            UpdateEmployeeResult.Forbidden forbidden => ErrorPage.Forbidden(forbidden.RequiredScope),
            UpdateEmployeeResult.VersionRequired => FormExpiredPage.Result(),
            _ => ErrorPage.NotFound(),
        };
    }

    private static IResult NewForm(HttpContext httpContext)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return PageEndpoints.LogInFirst(httpContext);
        }

        return new PageAccess(caller).CanCreate
            ? EmployeeFormPage.Result(new EmployeeForm(), empNo: null, everyField: true)
            : ErrorPage.Forbidden(Scopes.AdminWrite);
    }

    private static async Task<IResult> Create(
        HttpContext httpContext,
        ISender sender,
        IAntiforgery antiforgery,
        CrossSiteRequests crossSite,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var (fields, refusal) = await PageForms.ReadAsync(httpContext, antiforgery, crossSite, loggerFactory);
        if (refusal is not null || fields is null)
        {
            return refusal ?? FormExpiredPage.Result();
        }

        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return PageEndpoints.LogInFirst(httpContext);
        }

        if (!new PageAccess(caller).CanCreate)
        {
            return ErrorPage.Forbidden(Scopes.AdminWrite);
        }

        // The password is never put back into the form.
        var form = EmployeeForm.From(fields) with { Version = "" };
        CreateEmployeeResult result;
        try
        {
            result = await sender.Send(
                new CreateEmployeeCommand(caller, form.ToDetails(), fields[EmployeeForm.PasswordField].ToString()), cancellationToken);
        }
        catch (ValidationException invalid)
        {
            return EmployeeFormPage.Result(
                form, empNo: null, everyField: true, StatusCodes.Status400BadRequest, fieldErrors: ValidationExceptionHandler.ErrorsByField(invalid));
        }

        return result switch
        {
            CreateEmployeeResult.Created created => PageResults.SeeOther(EmployeeRecordPage.UrlFor(created.Employee.EmpNo) + "?notice=created"),
            CreateEmployeeResult.EmailInUse taken => EmployeeFormPage.Result(
                form, empNo: null, everyField: true, StatusCodes.Status409Conflict,
                fieldErrors: new Dictionary<string, string[]> { [EmployeeForm.EmailField] = [taken.Message] }),
            CreateEmployeeResult.Forbidden forbidden => ErrorPage.Forbidden(forbidden.RequiredScope),
            _ => throw new InvalidOperationException("Unknown create result."),
        };
    }

    /// <summary>The edit form with the record as it is now (and its version), or why it cannot be shown.</summary>
    private static async Task<IResult> CurrentFormAsync(
        Caller caller, int empNo, ISender sender, int statusCode, string? error, CancellationToken cancellationToken) =>
        await sender.Send(new GetEmployeeQuery(caller, empNo), cancellationToken) switch
        {
            GetEmployeeResult.Found found => EmployeeFormPage.Result(
                EmployeeForm.From(found.Employee, found.Version), empNo, new PageAccess(caller).CanEditEveryField, statusCode, error),
            GetEmployeeResult.Forbidden forbidden => ErrorPage.Forbidden(forbidden.RequiredScope),
            _ => ErrorPage.NotFound(),
        };
}
