namespace Uhrwerk.Server.Platform.Data;

/// <summary>Rows that are written once and never changed or deleted: audit log, order history, stock ledger.</summary>
public interface IAppendOnly;
