import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code drawn from its text, as an SVG image: sharp at any size, no canvas needed. */
export function QrCode({
  text,
  label,
  size = 232,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.createSvgTag({ margin: 4, scalable: true }))}`;
  }, [text]);
  return <img className="qr-code" src={src} alt={label} width={size} height={size} />;
}
