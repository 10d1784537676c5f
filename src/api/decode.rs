//! Turning an answer's body into typed values: plain serde first and, only for a body
//! that fails, once more with the JSON path of the offending value; a large body on a
//! thread of its own.

use serde::de::DeserializeOwned;

use super::{ApiError, error};

/// Decodes a JSON body and puts the value in order with `finish` (a sort), on a
/// thread of its own when the body is large; gives the body back. Both are heavy for
/// a large answer: neither may hold the event loop up.
pub(super) async fn decode_offloaded<T>(
    bytes: Vec<u8>,
    finish: fn(&mut T),
) -> Result<(T, Vec<u8>), ApiError>
where
    T: DeserializeOwned + Send + 'static,
{
    let (bytes, decoded) = if bytes.len() <= crate::offload::IN_PLACE_MAX_BYTES {
        decode_keeping::<T>((bytes, finish))
    } else {
        crate::offload::map((bytes, finish), decode_keeping::<T>).await
    };
    decoded.map(|value| (value, bytes))
}

fn decode_keeping<T: DeserializeOwned>(
    (bytes, finish): (Vec<u8>, fn(&mut T)),
) -> (Vec<u8>, Result<T, ApiError>) {
    let decoded = decode_json(&bytes).map(|mut value| {
        finish(&mut value);
        value
    });
    (bytes, decoded)
}

pub(super) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Plain serde_json first: tracking the path of every value, as serde_path_to_error
    // does, more than doubles the time a large answer takes. Only a body that fails
    // needs the path, so that one is decoded again, with it.
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(_) => Err(decode_error::<T>(bytes)),
    }
}

/// Why `bytes` does not decode, with the JSON path of the offending value.
fn decode_error<T: DeserializeOwned>(bytes: &[u8]) -> ApiError {
    match decode_with_path::<T>(bytes) {
        Err(error) => error,
        // Unreachable: both decoders accept the same bodies.
        Ok(_) => ApiError::NotJson {
            reason: None,
            preview: error::preview(bytes),
        },
    }
}

fn decode_with_path<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| ApiError::decode(e, bytes))?;
    deserializer
        .end()
        .map_err(|e| ApiError::not_json(&e, bytes))?;
    Ok(value)
}
