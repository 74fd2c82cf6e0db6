using FastApiLearning.Application.Auth;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

public interface ITokenIssuer
{
    AccessToken Issue(Employee employee);
}
