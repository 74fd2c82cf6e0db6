using System.Globalization;
using FastApiLearning.Application.Employees.CreateEmployee;
using FastApiLearning.Application.Employees.GetEmployee;
using FastApiLearning.Application.Employees.SearchEmployees;
using FastApiLearning.Application.Employees.UpdateEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// The employee directory: search, read, edit and add, each one message. The scope policy on each endpoint turns
/// away a token that could never be enough; the handler decides own-versus-other (with the caller's scopes) and its
/// <c>Forbidden</c> becomes the very same 403 (<see cref="InsufficientScope"/>).
/// </summary>
public static class EmployeeEndpoints
{
    public const string ETagHelp = "send If-Match with the ETag GET /employees/{emp_no} answered, such as \"1\"";

    public static IEndpointRouteBuilder MapEmployeeEndpoints(this IEndpointRouteBuilder app)
    {
        var employees = app.MapGroup("/employees")
            .WithTags("employees")
            // Every answer here is about people: nothing a cache may keep.
            .AddEndpointFilter(NoStore);

        employees.MapGet("", Search)
            .WithName("SearchEmployees")
            .WithSummary("Search employees by name")
            .WithDescription("last_name and first_name match the start of the names, case-insensitively; "
                + "% and _ are wildcards (\\ escapes them). Sorted by last name, first name, emp_no; page is 1-based, page_size 1 to 100 (20 by default).")
            .RequireScope(Scopes.AdminRead)
            .Produces<EmployeeSearchResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized)
            .Produces<DetailResponse>(StatusCodes.Status403Forbidden);

        employees.MapGet("/{emp_no}", Get)
            .WithName("GetEmployee")
            .WithSummary("One employee's record, with its ETag")
            .WithDescription("Needs user:read for one's own record, admin:read for anyone's. The ETag is what PUT's If-Match sends back.")
            .RequireScope(Scopes.UserRead)
            .Produces<EmployeeResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized)
            .Produces<DetailResponse>(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        employees.MapPut("/{emp_no}", Update)
            .WithName("UpdateEmployee")
            .WithSummary("Replace an employee's record (If-Match required)")
            .WithDescription("Needs user:write for one's own names, gender and birth date (the email and hire date must stay as they are), "
                + "admin:write for anything of anyone. Every field is sent (a full replacement). "
                + "Without If-Match: 428; when the record changed since that ETag: 412, nothing written. "
                + "An email another employee has: 409.")
            .RequireScope(Scopes.UserWrite)
            .Accepts<EmployeeRequest>(BoundedJson.ContentType)
            .Produces<EmployeeResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized)
            .Produces<DetailResponse>(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        employees.MapPost("", Create)
            .WithName("CreateEmployee")
            .WithSummary("Add an employee with an initial password")
            .WithDescription("The password: 15 to 256 characters, any characters, not the email. "
                + "The store gives the emp_no; the answer's Location points at the new record.")
            .RequireScope(Scopes.AdminWrite)
            .Accepts<NewEmployeeRequest>(BoundedJson.ContentType)
            .Produces<EmployeeResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized)
            .Produces<DetailResponse>(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return app;
    }

    private static async Task<IResult> Search(
        HttpContext httpContext,
        ISender sender,
        [FromQuery(Name = "last_name")] string? lastName,
        [FromQuery(Name = "first_name")] string? firstName,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return BearerChallenge.InvalidToken();
        }

        var errors = new Dictionary<string, string[]>();
        var pageNumber = WholeNumber("page", page, 1, errors);
        var size = WholeNumber("page_size", pageSize, SearchEmployeesQueryValidator.DefaultPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }

        var result = await sender.Send(new SearchEmployeesQuery(caller, lastName, firstName, pageNumber, size), cancellationToken);
        return result switch
        {
            SearchEmployeesResult.Found found => TypedResults.Ok(new EmployeeSearchResponse(
                [.. found.Employees.Select(EmployeeResponse.From)], found.Total, found.Page, found.PageSize)),
            SearchEmployeesResult.Forbidden forbidden => new InsufficientScope(forbidden.RequiredScope),
            _ => throw new InvalidOperationException($"Unhandled search result {result.GetType().Name}."),
        };
    }

    private static async Task<IResult> Get(
        HttpContext httpContext, ISender sender, [FromRoute(Name = "emp_no")] string empNo, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return BearerChallenge.InvalidToken();
        }

        if (EmpNo(empNo) is not { } number)
        {
            return InvalidEmpNo();
        }

        var result = await sender.Send(new GetEmployeeQuery(caller, number), cancellationToken);
        switch (result)
        {
            case GetEmployeeResult.Found found:
                httpContext.Response.Headers.ETag = ETag(found.Version);
                return TypedResults.Ok(EmployeeResponse.From(found.Employee));
            case GetEmployeeResult.Forbidden forbidden:
                return new InsufficientScope(forbidden.RequiredScope);
            case GetEmployeeResult.Missing:
                return NotFound(number);
            default:
                throw new InvalidOperationException($"Unhandled result {result.GetType().Name}.");
        }
    }

    private static async Task<IResult> Update(
        HttpContext httpContext, ISender sender, [FromRoute(Name = "emp_no")] string empNo, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return BearerChallenge.InvalidToken();
        }

        if (EmpNo(empNo) is not { } number)
        {
            return InvalidEmpNo();
        }

        if (!TryReadIfMatch(httpContext.Request, out var expectedVersion))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["If-Match"] = [$"If-Match must be one ETag: {ETagHelp}"] },
                title: "The request is not valid.");
        }

        var (body, problem, status, errors) = await BoundedJson.ReadAsync<EmployeeRequest>(httpContext);
        if (body is null)
        {
            return Unreadable(problem, status, errors);
        }

        var result = await sender.Send(new UpdateEmployeeCommand(caller, number, expectedVersion, body.ToDetails()), cancellationToken);
        switch (result)
        {
            case UpdateEmployeeResult.Updated updated:
                httpContext.Response.Headers.ETag = ETag(updated.Version);
                return TypedResults.Ok(EmployeeResponse.From(updated.Employee));
            case UpdateEmployeeResult.Forbidden forbidden:
                return new InsufficientScope(forbidden.RequiredScope);
            case UpdateEmployeeResult.VersionRequired:
                return TypedResults.Problem(
                    $"An edit must say which version of the record it replaces: {ETagHelp}.",
                    statusCode: StatusCodes.Status428PreconditionRequired,
                    title: "Precondition Required");
            case UpdateEmployeeResult.Stale:
                return TypedResults.Problem(
                    "Someone changed the record since it was read; nothing was written. Read it again and repeat the edit.",
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "Precondition Failed");
            case UpdateEmployeeResult.EmailInUse taken:
                return EmailTaken(taken.Message);
            case UpdateEmployeeResult.Missing:
                return NotFound(number);
            default:
                throw new InvalidOperationException($"Unhandled result {result.GetType().Name}.");
        }
    }

    private static async Task<IResult> Create(HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return BearerChallenge.InvalidToken();
        }

        var (body, problem, status, errors) = await BoundedJson.ReadAsync<NewEmployeeRequest>(httpContext);
        if (body is null)
        {
            return Unreadable(problem, status, errors);
        }

        var result = await sender.Send(new CreateEmployeeCommand(caller, body.ToDetails(), body.Password ?? ""), cancellationToken);
        return result switch
        {
            CreateEmployeeResult.Created created => TypedResults.Created(
                string.Create(CultureInfo.InvariantCulture, $"/employees/{created.Employee.EmpNo}"),
                EmployeeResponse.From(created.Employee)),
            CreateEmployeeResult.Forbidden forbidden => new InsufficientScope(forbidden.RequiredScope),
            CreateEmployeeResult.EmailInUse taken => EmailTaken(taken.Message),
            _ => throw new InvalidOperationException($"Unhandled result {result.GetType().Name}."),
        };
    }

    private static ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return next(context);
    }

    /// <summary>A strong ETag of the record's version (RFC 9110 §8.8.3).</summary>
    private static string ETag(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>
    /// The version <c>If-Match</c> names: none when the header is absent (the handler answers 428 after checking the
    /// scopes). Anything but one strong ETag of ours (<c>*</c>, a weak or foreign tag, a list) is refused: an
    /// unconditional overwrite is what the header is here to prevent.
    /// </summary>
    private static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        version = null;
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return true;
        }

        var text = values.Count == 1 ? values[0]?.Trim() : null;
        if (text is ['"', .. var digits, '"']
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0)
        {
            version = number;
            return true;
        }

        return false;
    }

    /// <summary>An emp_no from the path: a positive int (anything else, such as one past int's range, is a 400, not a 404 or a 500).</summary>
    private static int? EmpNo(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static int WholeNumber(string field, string? value, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors[field] = [$"{field} must be a whole number"];
        return fallback;
    }

    private static IResult InvalidEmpNo() =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["emp_no"] = ["emp_no must be a positive number"] },
            title: "The request is not valid.");

    private static IResult Unreadable(string? problem, int status, IDictionary<string, string[]>? errors) =>
        errors is not null
            ? TypedResults.ValidationProblem(errors, title: "The request is not valid.", detail: problem)
            : TypedResults.Problem(problem, statusCode: status);

    private static IResult NotFound(int empNo) =>
        TypedResults.Problem(
            string.Create(CultureInfo.InvariantCulture, $"No employee has the emp_no {empNo}."),
            statusCode: StatusCodes.Status404NotFound);

    /// <summary>409 with the FastAPI original's detail.</summary>
    private static IResult EmailTaken(string message) =>
        TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict);
}
