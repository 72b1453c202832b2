//! `herald_ingest::fetch` against a small HTTP server on 127.0.0.1 that can misbehave on
//! purpose: stall, drip, redirect into the metadata service, send bombs. Nothing here reaches
//! beyond the loopback interface: every refused address is refused before any connection.

mod conditional;
mod guard;
mod limits;
mod politeness;
mod robots;
mod server;
