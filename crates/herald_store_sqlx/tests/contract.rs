//! The storage contract (`herald_store::contract`) on both engines: one test per check and
//! engine, each on a fresh database.

mod support;

use std::sync::Arc;

use herald_domain::SystemClock;
use herald_store::contract::Fixture;
use herald_store_sqlx::SqlStore;

async fn sqlite() -> Option<Fixture> {
    let (store, dir, _) = support::sqlite_store().await;
    Some(Fixture::new(Arc::new(store)).keeping(dir))
}

async fn postgres() -> Option<Fixture> {
    let db = support::TestDatabase::create().await?;
    let store = Arc::new(
        SqlStore::open(&db.url, Arc::new(SystemClock))
            .await
            .expect("open a PostgreSQL store"),
    );
    let closing = Arc::clone(&store);
    Some(Fixture::new(store).then(async move {
        closing.close().await;
        db.drop_now().await;
    }))
}

mod on_sqlite {
    herald_store::contract_tests!(super::sqlite);
}

mod on_postgres {
    herald_store::contract_tests!(super::postgres);
}
