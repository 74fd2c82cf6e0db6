using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

/// <summary>One row of an import file (the MySQL sample's dump, or CSV), as read.</summary>
/// <param name="Email">As the file has it, or made from the names (<c>first.last.emp_no@gmail.com</c>) when it has none; normalised.</param>
/// <param name="LineNumber">Where in the file the row starts, for the message when it cannot be stored.</param>
public sealed record ImportedEmployee(
    int EmpNo,
    DateOnly BirthDate,
    string FirstName,
    string LastName,
    Gender Gender,
    DateOnly HireDate,
    string Email,
    int LineNumber);
