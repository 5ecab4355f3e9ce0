// Camera access with messages a person can act on.

export class CameraError extends Error {}

export function cameraSupported() {
  return (
    typeof navigator === 'object' && typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

export async function listCameras() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput');
}

function explain(e) {
  switch (e?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera permission was denied. Allow camera access for this page (address bar) and try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera found. Connect a camera, or open an image instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use by another application or could not be started.';
    default:
      return `The camera could not be started: ${e?.message ?? e}`;
  }
}

/** Starts `deviceId` (or the default camera) playing in `video`; returns the stream. */
export async function startCamera(video, deviceId) {
  if (!cameraSupported()) {
    throw new CameraError(
      'This browser gives no camera access here (it needs https or localhost and getUserMedia).',
    );
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: deviceId
        ? { deviceId: { exact: deviceId } }
        : { width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
  } catch (e) {
    throw new CameraError(explain(e));
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

export function stopCamera(video, stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
  video.srcObject = null;
}
