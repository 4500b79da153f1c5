// Finding: photos lose EXIF. A doctor's portrait taken on a phone carried its EXIF (the GPS
// position where it was taken, the camera, the time), XMP and comments to every visitor of the
// public profile. The server stores the picture without them; what a viewer needs to show it stays.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { startServer, backends } from '../support/server.mjs';
import { anonymous, expectStatus } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { chunk, crc32, makeJpegHeader, makePng } from './lib/images.mjs';

const GPS = 'GPSLatitude 22.2783N GPSLongitude 114.1747E';

function segment(marker, payload) {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

// A big-endian TIFF block: IFD0 with the orientation (6: turn 90°) and a Make string.
function exif(orientation) {
  const tiff = Buffer.alloc(38);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(2, 8);
  tiff.writeUInt16BE(0x010f, 10); // Make, ASCII, count, offset 38
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(GPS.length, 14);
  tiff.writeUInt32BE(38, 18);
  tiff.writeUInt16BE(0x0112, 22); // Orientation, SHORT, 1
  tiff.writeUInt16BE(3, 24);
  tiff.writeUInt32BE(1, 26);
  tiff.writeUInt16BE(orientation, 30);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.from(GPS, 'latin1')]);
}

function jpegWithMetadata(width, height) {
  const plain = makeJpegHeader(width, height); // SOI, APP0, SOF0, EOI
  return Buffer.concat([
    plain.subarray(0, 20), // SOI + APP0 (JFIF)
    segment(0xe1, exif(6)),
    segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${GPS}</x:xmpmeta>`, 'latin1')),
    segment(0xfe, Buffer.from(`taken at ${GPS}`, 'latin1')),
    plain.subarray(20),
  ]);
}

function pngWithMetadata(width, height) {
  const plain = makePng(width, height, 4);
  const ihdrEnd = 8 + 25;
  return Buffer.concat([
    plain.subarray(0, ihdrEnd),
    chunk('tEXt', Buffer.from(`Comment\0${GPS}`, 'latin1')),
    chunk('eXIf', exif(6).subarray(6)),
    chunk('tIME', Buffer.from([0x07, 0xea, 11, 23, 8, 0, 0])),
    plain.subarray(ihdrEnd),
  ]);
}

// The PNG's chunks, each CRC checked, and its pixels inflated: the served file still decodes.
function readPng(bytes) {
  const chunks = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 4, at + 8 + length);
    assert.equal(bytes.readUInt32BE(at + 8 + length), crc32(body), `${type} CRC`);
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  return { types: chunks.map((c) => c.type), width: chunks[0].data.readUInt32BE(0), pixels };
}

for (const backend of backends()) {
  describe(`photos lose EXIF (${backend})`, () => {
    let srv;
    let doctor;
    before(async () => {
      srv = await startServer({ backend });
      doctor = await signIn(srv, 'doctor');
    });
    after(async () => {
      await srv?.stop();
    });

    test('a JPEG comes back without EXIF GPS, XMP or comments, and keeps its orientation', async () => {
      const path = `/api/v1/doctors/${doctor.account.id}/photo`;
      const upload = jpegWithMetadata(320, 240);
      assert.ok(upload.includes(GPS));
      const saved = expectStatus(await doctor.request('PUT', path, { body: upload, headers: { 'Content-Type': 'image/jpeg' } }), 200).json;
      const got = expectStatus(await anonymous(srv).get(saved.photo_url), 200);
      assert.equal(got.contentType, 'image/jpeg');
      assert.ok(!got.bytes.includes(GPS), 'no GPS marker in the served photo');
      assert.ok(!got.bytes.includes('xmpmeta') && !got.bytes.includes('taken at'));
      const plain = makeJpegHeader(320, 240);
      const orientation = Buffer.from('\xff\xe1\x00\x22Exif\0\0MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00', 'latin1');
      assert.deepEqual(got.bytes, Buffer.concat([plain.subarray(0, 20), orientation, plain.subarray(20)]));
    });

    test('a PNG comes back without tEXt, eXIf or tIME and still decodes', async () => {
      const path = `/api/v1/doctors/${doctor.account.id}/photo`;
      const upload = pngWithMetadata(24, 16);
      const saved = expectStatus(await doctor.request('PUT', path, { body: upload, headers: { 'Content-Type': 'image/png' } }), 200).json;
      const got = expectStatus(await anonymous(srv).get(saved.photo_url), 200);
      assert.equal(got.contentType, 'image/png');
      assert.ok(!got.bytes.includes(GPS), 'no GPS marker in the served photo');
      const png = readPng(got.bytes);
      assert.deepEqual(png.types, ['IHDR', 'IDAT', 'IEND']);
      assert.equal(png.width, 24);
      assert.equal(png.pixels.length, (24 * 3 + 1) * 16);
      assert.deepEqual(got.bytes, makePng(24, 16, 4), 'the picture itself is unchanged');
    });
  });
}
