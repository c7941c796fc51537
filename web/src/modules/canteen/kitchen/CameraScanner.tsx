import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { parsePickupCode } from '@guanjia/contracts/canteen-code';

/** Reads the text of a QR code in one video frame, or null. */
type Detect = (video: HTMLVideoElement) => Promise<string | null>;

interface BarcodeDetectorLike { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
interface BarcodeDetectorCtor { new (opts: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats?: () => Promise<string[]> }

/**
 * The browser's own BarcodeDetector where it reads QR codes (Android, ChromeOS, macOS); elsewhere
 * jsQR, loaded only now (it is not part of the page's bundle).
 */
async function makeDetector(): Promise<Detect> {
  const Native = (window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  const formats: string[] = Native?.getSupportedFormats ? await Native.getSupportedFormats().catch(() => []) : [];
  if (Native && formats.includes('qr_code')) {
    const d = new Native({ formats: ['qr_code'] });
    return async (video) => (await d.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!ctx || video.videoWidth === 0) return null;
    const scale = Math.min(1, 640 / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  };
}

type State = 'off' | 'starting' | 'scanning' | 'unsupported' | 'denied';

/**
 * 摄像头扫码 at the counter: scans continuously and hands each pickup code found to `onCode` (the
 * same verification as a typed code or a hardware scanner). The same code is not sent twice within
 * a few seconds. Without a camera or permission it says so; typing and scanners keep working.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>('off');
  const video = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const active = state === 'starting' || state === 'scanning';
  useEffect(() => {
    if (!active) return;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    const last = { code: '', at: 0 };
    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState('unsupported');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch {
        if (!stopped) setState('denied');
        return;
      }
      if (stopped) return stream.getTracks().forEach((tr) => tr.stop());
      const detect = await makeDetector();
      const v = video.current!;
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      setState('scanning');
      const tick = async () => {
        if (stopped) return;
        const text = await detect(v).catch(() => null);
        const code = text === null ? null : parsePickupCode(text);
        if (code && (code !== last.code || Date.now() - last.at > 4000)) {
          last.code = code;
          last.at = Date.now();
          onCodeRef.current(code);
        }
        timer = window.setTimeout(() => void tick(), 250);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [active]);

  const on = active;
  return (
    <div data-testid="camera-scanner">
      <Button icon={<CameraOutlined />} onClick={() => setState(on ? 'off' : 'starting')} style={{ marginTop: 8 }}>
        {on ? t('canteen.kitchen.cameraStop') : t('canteen.kitchen.camera')}
      </Button>
      {state === 'unsupported' && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('canteen.kitchen.cameraUnsupported')} />}
      {state === 'denied' && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('canteen.kitchen.cameraDenied')} />}
      {on && (
        <div style={{ marginTop: 8 }}>
          <video ref={video} muted playsInline aria-label={t('canteen.kitchen.cameraScanning')} style={{ width: '100%', maxHeight: 260, background: '#000', borderRadius: 6 }} />
          <div style={{ color: '#888', fontSize: 13 }}>{t('canteen.kitchen.cameraScanning')}</div>
        </div>
      )}
    </div>
  );
}
