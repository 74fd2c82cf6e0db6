namespace FastApiLearning.Application.Auth.Sessions;

/// <summary>
/// What an access token issued within a session says of it: the refresh-token family (its <c>sid</c>, which a
/// logout with the token revokes) and the client it was issued to (<c>client_id</c>, RFC 9068; none when anonymous).
/// </summary>
public sealed record AccessTokenSession(string FamilyId, string ClientId);
