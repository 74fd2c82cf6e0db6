using Mediator;

namespace FastApiLearning.Application.Users.GetCurrentUser;

/// <summary>Who is the holder of a valid token? <c>null</c> when the employee is gone.</summary>
public sealed record GetCurrentUserQuery(int EmpNo) : IQuery<UserProfile?>;
